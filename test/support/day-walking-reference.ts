import { addDays, type CalendarDefinition, civilDateOf, DayHours, holidaySource } from '@madoguchi/business-calendar';

/**
 * The obviously-correct reference: walk local dates one by one and look at each day's intervals.
 * Slow, but with nothing clever in it to get wrong.
 */
export class DayWalkingReference {
  private readonly days: DayHours;

  constructor(private readonly definition: CalendarDefinition) {
    this.days = new DayHours(definition, holidaySource(definition.holidays));
  }

  private intervalsFrom(at: number, daysAhead: number): Array<[number, number]> {
    const result: Array<[number, number]> = [];
    let date = addDays(civilDateOf(at, this.definition.timeZone), -1);
    for (let n = 0; n < daysAhead + 2; n += 1, date = addDays(date, 1)) result.push(...this.days.instantsOf(date));
    return result;
  }

  between(a: number, b: number): number {
    const [from, to] = a <= b ? [a, b] : [b, a];
    const days = Math.ceil((to - from) / 86_400_000) + 2;
    let total = 0;
    for (const [start, end] of this.intervalsFrom(from, days))
      total += Math.max(0, Math.min(end, to) - Math.max(start, from));
    return a <= b ? total : 0 - total;
  }

  /** Earliest t with between(at, t) = ms, walking forward. */
  add(at: number, ms: number): number | null {
    if (ms === 0) return at;
    let remaining = ms;
    for (const [start, end] of this.intervalsFrom(at, 800)) {
      if (end <= at) continue;
      const from = Math.max(start, at);
      if (remaining <= end - from) return from + remaining;
      remaining -= end - from;
    }
    return null;
  }

  nextOpen(at: number): number | null {
    for (const [start, end] of this.intervalsFrom(at, 800)) if (end > at) return Math.max(start, at);
    return null;
  }
}
