import { ValidationFailedError } from '@madoguchi/common';

/** A [from, to) query period; `to` must come after `from`, and the span is bounded so one query stays cheap. */
export function parsePeriod(from: string, to: string, maxDays = 366): { from: Date; to: Date } {
  const start = new Date(from);
  const end = new Date(to);
  if (end.getTime() <= start.getTime())
    throw new ValidationFailedError([{ field: 'to', messages: ['to must be after from'] }]);
  if (end.getTime() - start.getTime() > maxDays * 86_400_000)
    throw new ValidationFailedError([{ field: 'to', messages: [`the period may span at most ${maxDays} days`] }]);
  return { from: start, to: end };
}
