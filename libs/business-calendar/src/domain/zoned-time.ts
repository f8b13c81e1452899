const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const QUARTER_HOUR_MS = 15 * MS_PER_MINUTE;
const offsetCache = new Map<string, number>();

/**
 * Local wall-clock time minus UTC, in ms, at an instant (e.g. +9 h in Asia/Tokyo). Zones change
 * offset only on UTC quarter-hours (offsets are multiples of 15 minutes, switches happen on local
 * whole or half hours), so one answer per zone and quarter-hour is cached.
 */
export function offsetAt(epochMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(epochMs / QUARTER_HOUR_MS)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = computeOffset(epochMs, timeZone);
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function computeOffset(epochMs: number, timeZone: string): number {
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(wholeSeconds))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const localAsUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return localAsUtc - wholeSeconds;
}

/**
 * The instant a local wall-clock time names in a zone. Like Temporal's "compatible": a time that
 * repeats (autumn) is its first occurrence; a time skipped (spring) moves forward by the gap.
 * `minuteOfDay` may be 1440, meaning the next day's 00:00.
 */
export function zonedToEpoch(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): number {
  const localAsUtc = Date.UTC(year, month - 1, day) + minuteOfDay * MS_PER_MINUTE;
  // Real zones switch offset at most once within a day either side: try the offsets on both sides.
  const offsetBefore = offsetAt(localAsUtc - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(localAsUtc + MS_PER_DAY, timeZone);
  const earlier = localAsUtc - offsetBefore;
  if (offsetAt(earlier, timeZone) === offsetBefore) return earlier;
  const later = localAsUtc - offsetAfter;
  if (offsetAt(later, timeZone) === offsetAfter) return later;
  // Neither offset names this wall time: it was skipped. Keep the offset from before the gap.
  return earlier;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilDateOf(epochMs: number, timeZone: string): CivilDate {
  const local = new Date(epochMs + offsetAt(epochMs, timeZone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** A `YYYY-MM-DD` text as a civil date, or null when it is not one (2026-02-30 is not). */
export function parseCivilDate(text: string | undefined): CivilDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const roundTrip = addDays(date, 0);
  return roundTrip.month === date.month && roundTrip.day === date.day ? date : null;
}

export function formatCivilDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The civil date `days` after `date` (negative for before). */
export function addDays(date: CivilDate, days: number): CivilDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * MS_PER_DAY);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export function weekdayOf(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2026-11-30T10:30:00+09:00` (ms only when not zero). */
export function formatInZone(epochMs: number, timeZone: string): string {
  const offset = offsetAt(epochMs, timeZone);
  const local = new Date(epochMs + offset)
    .toISOString()
    .slice(0, 23)
    .replace(/\.000$/, '');
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / MS_PER_MINUTE;
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
