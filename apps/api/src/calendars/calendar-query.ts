import { parseDuration } from '@madoguchi/business-calendar';
import { FieldProblem, ValidationFailedError } from '@madoguchi/common';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const MAX_INTERVAL_RANGE_MS = 366 * 86_400_000;

/** Collects the problems of several query parameters, so that one 400 names every bad one. */
export class QueryReader {
  private readonly problems: FieldProblem[] = [];

  constructor(private readonly query: Record<string, unknown>) {}

  /** An ISO 8601 instant with an explicit offset (`Z` or `+09:00`): a bare local time would be ambiguous. */
  instant(name: string): number {
    const value = this.query[name];
    if (typeof value !== 'string' || value === '') return this.fail(name, `${name} is required (ISO 8601 with offset)`);
    const parsed = Date.parse(value);
    if (!ISO_INSTANT.test(value) || Number.isNaN(parsed)) {
      return this.fail(name, `${name} must be an ISO 8601 date-time with an offset, e.g. 2026-11-30T10:00:00+09:00`);
    }
    return parsed;
  }

  duration(name: string): number {
    const value = this.query[name];
    const parsed = typeof value === 'string' ? parseDuration(value) : null;
    if (parsed === null) return this.fail(name, `${name} must be an ISO 8601 duration such as PT4H, PT1H30M or -PT3H`);
    return parsed;
  }

  problem(name: string, message: string): void {
    this.problems.push({ field: name, messages: [message] });
  }

  /** Throws the collected problems as one validation error. */
  done(): void {
    if (this.problems.length > 0) throw new ValidationFailedError(this.problems);
  }

  private fail(name: string, message: string): number {
    this.problem(name, message);
    return Number.NaN;
  }
}
