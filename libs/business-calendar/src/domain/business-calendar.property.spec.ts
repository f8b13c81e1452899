import fc from 'fast-check';

import { DayWalkingReference } from '../../../../test/support/day-walking-reference';
import { BusinessCalendar } from './business-calendar';
import { CalendarDefinition, TimeInterval, WEEKDAYS } from './calendar-definition';
import { addDays, formatCivilDate } from './zoned-time';

const ZONES = ['Asia/Tokyo', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'];
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2029, 0, 1);

const time = (minute: number) =>
  minute === 1440
    ? '24:00'
    : `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** 0–4 sorted, non-overlapping intervals on a 15-minute grid. */
const dayIntervals = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 8 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const intervals: TimeInterval[] = [];
  for (let n = 0; n + 1 < sorted.length; n += 2)
    intervals.push({ start: time(sorted[n]! * 15), end: time(sorted[n + 1]! * 15) });
  return intervals;
});

const dateIn2025to2028 = fc
  .integer({ min: 0, max: 4 * 365 })
  .map((days) => formatCivilDate(addDays({ year: 2025, month: 1, day: 1 }, days)));

const calendars = fc.record({
  id: fc.constant('random'),
  name: fc.constant('random'),
  timeZone: fc.constantFrom(...ZONES),
  holidays: fc.constantFrom<'jp' | 'none'>('jp', 'none'),
  weekly: fc
    .tuple(...WEEKDAYS.map(() => dayIntervals))
    .map((days) => Object.fromEntries(WEEKDAYS.map((day, n) => [day, days[n]!])) as CalendarDefinition['weekly']),
  closedDates: fc.uniqueArray(dateIn2025to2028, { maxLength: 20 }),
  openDates: fc.uniqueArray(fc.record({ date: dateIn2025to2028, intervals: dayIntervals }), {
    maxLength: 5,
    selector: (d) => d.date,
  }),
});

/** Instants on a 1-minute grid, plus some arbitrary milliseconds. */
const instant = fc.oneof(
  fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((minute) => minute * 60_000),
  fc.integer({ min: FROM, max: TO }),
);

/**
 * 60 runs per property with a fixed seed, so a CI run is reproducible; FC_SEED and FC_RUNS explore
 * further (e.g. `FC_RUNS=2000 FC_SEED=$RANDOM npm test -- business-calendar.property`).
 */
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 60), seed: Number(process.env.FC_SEED ?? 20261128) };

describe('BusinessCalendar against a day-walking reference (property-based)', () => {
  it('businessTimeBetween agrees, for spans up to four years', () => {
    fc.assert(
      fc.property(calendars, instant, instant, (definition, a, b) => {
        expect(new BusinessCalendar(definition).businessTimeBetween(a, b)).toBe(
          new DayWalkingReference(definition).between(a, b),
        );
      }),
      RUNS,
    );
  });

  it('is additive: between(a, c) = between(a, b) + between(b, c)', () => {
    fc.assert(
      fc.property(calendars, instant, instant, instant, (definition, a, b, c) => {
        const calendar = new BusinessCalendar(definition);
        expect(calendar.businessTimeBetween(a, c)).toBe(
          calendar.businessTimeBetween(a, b) + calendar.businessTimeBetween(b, c),
        );
      }),
      RUNS,
    );
  });

  it('addBusinessTime finds the earliest instant: between(t, add(t, d)) = d, as the reference', () => {
    const duration = fc.integer({ min: 1, max: 400 * 3_600_000 });
    fc.assert(
      fc.property(calendars, instant, duration, (definition, t, d) => {
        const calendar = new BusinessCalendar(definition);
        const reference = new DayWalkingReference(definition).add(t, d);
        fc.pre(reference !== null && reference < Date.UTC(2030, 0, 1));
        const result = calendar.addBusinessTime(t, d);
        expect(result).toBe(reference);
        expect(calendar.businessTimeBetween(t, result)).toBe(d);
      }),
      RUNS,
    );
  });

  it('subtracting finds the latest instant t′ with between(t′, t) = d', () => {
    const duration = fc.integer({ min: 1, max: 400 * 3_600_000 });
    fc.assert(
      fc.property(calendars, instant, duration, (definition, t, d) => {
        const calendar = new BusinessCalendar(definition);
        fc.pre(calendar.businessTimeBetween(Date.UTC(2024, 0, 1), t) >= d);
        const result = calendar.addBusinessTime(t, -d);
        expect(calendar.businessTimeBetween(result, t)).toBe(d);
        // One millisecond later is already short of d: nothing later qualifies.
        expect(calendar.businessTimeBetween(result + 1, t)).toBeLessThan(d);
      }),
      RUNS,
    );
  });

  it('nextOpen agrees with the reference and isOpen holds there', () => {
    fc.assert(
      fc.property(calendars, instant, (definition, t) => {
        const calendar = new BusinessCalendar(definition);
        const reference = new DayWalkingReference(definition).nextOpen(t);
        fc.pre(reference !== null && reference < Date.UTC(2030, 0, 1));
        expect(calendar.nextOpen(t)).toBe(reference);
        expect(calendar.isOpen(reference!)).toBe(true);
      }),
      RUNS,
    );
  });
});
