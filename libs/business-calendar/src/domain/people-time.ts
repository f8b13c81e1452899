import { offsetAt } from './zoned-time';

export interface InstantFormat {
  timeZone: string;
  language: 'ja' | 'en';
  /** The reader's now: the year is written only when the instant's differs from it. */
  now?: number;
  /** `always`: the year even when it is the reader's (a notice is kept and read later). */
  year?: 'auto' | 'always';
  /** Seconds, where they matter (an audit entry, a PBX log's last event). */
  seconds?: boolean;
  /**
   * Name the zone: `auto` names it for English readers always, and for Japanese readers only when
   * it is not Japan time (they read Japan time as the default); `always` names it for both.
   */
  zone?: 'auto' | 'always';
}

/** Zones with an abbreviation people know; any other is written as its UTC offset. */
const ZONE_ABBREVIATIONS: Record<string, string> = { 'Asia/Tokyo': 'JST' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string, language: 'ja' | 'en', withYear: boolean, seconds: boolean) {
  const key = `${timeZone}|${language}|${withYear}|${seconds}`;
  let format = formatters.get(key);
  if (!format) {
    // Building a formatter costs far more than using one: keep one per zone, language and shape.
    format = new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone,
      ...(withYear ? { year: 'numeric' } : {}),
      month: 'short',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    });
    formatters.set(key, format);
  }
  return format;
}

const yearIn = (epochMs: number, timeZone: string) => new Date(epochMs + offsetAt(epochMs, timeZone)).getUTCFullYear();

/** `UTC+9`, `UTC−3:30`: the zone's offset at that instant. */
function utcOffset(epochMs: number, timeZone: string): string {
  const minutes = offsetAt(epochMs, timeZone) / 60_000;
  const sign = minutes < 0 ? '−' : '+';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** The zone as a reader is told it: `JST` / `JST (UTC+9)`, or the offset alone for a zone without a known name. */
export function zoneLabel(epochMs: number, timeZone: string, language: 'ja' | 'en'): string {
  const abbreviation = ZONE_ABBREVIATIONS[timeZone];
  const offset = utcOffset(epochMs, timeZone);
  if (!abbreviation) return offset;
  return language === 'ja' ? abbreviation : `${abbreviation} (${offset})`;
}

/**
 * An instant as people read it — the one formatter for pages, mails and reports:
 * 「12月2日(水) 13:01」 / "Wed 2 Dec, 13:01 JST (UTC+9)", with the year when it is not the
 * reader's, seconds only when asked, the zone named for English readers and wherever a Japanese
 * reader could misread it. Raw ISO 8601 stays in the API and in `datetime` attributes.
 */
export function formatInstant(epochMs: number, format: InstantFormat): string {
  const { timeZone, language, now = epochMs, seconds = false, zone = 'auto', year = 'auto' } = format;
  const withYear = year === 'always' || yearIn(epochMs, timeZone) !== yearIn(now, timeZone);
  const text = formatterFor(timeZone, language, withYear, seconds).format(new Date(epochMs));
  const named = zone === 'always' || language === 'en' || !(timeZone in ZONE_ABBREVIATIONS);
  return named ? `${text} ${zoneLabel(epochMs, timeZone, language)}` : text;
}

/** A length of time as people say it: 「3時間58分」 / "3 h 58 min" (to the minute, rounded). */
export function formatDurationForPeople(milliseconds: number, language: 'ja' | 'en'): string {
  const sign = milliseconds < 0 ? '−' : '';
  const total = Math.round(Math.abs(milliseconds) / 60_000);
  const [hours, minutes] = [Math.floor(total / 60), total % 60];
  const parts =
    language === 'ja'
      ? [hours ? `${hours}時間` : '', minutes || !hours ? `${minutes}分` : '']
      : [hours ? `${hours} h` : '', minutes || !hours ? `${minutes} min` : ''];
  return sign + parts.filter(Boolean).join(language === 'ja' ? '' : ' ');
}
