import { mergeIntervals, type PresenceInterval } from './presence-intervals';

const interval = (state: PresenceInterval['state'], from: number, to: number | null, reason: string | null = null) => ({
  agent: 'A',
  state,
  reason,
  from,
  to,
});

describe('mergeIntervals', () => {
  it('joins back-to-back intervals of the same state and clips to the period', () => {
    expect(
      mergeIntervals(
        [
          interval('available', 0, 10),
          interval('available', 10, 20),
          interval('paused', 20, 30, 'break'),
          interval('paused', 30, 40, 'lunch'),
          interval('offline', 40, null),
        ],
        5,
        35,
      ),
    ).toEqual([
      interval('available', 5, 20),
      interval('paused', 20, 30, 'break'),
      interval('paused', 30, 35, 'lunch'),
      interval('offline', 40, null),
    ]);
  });
});
