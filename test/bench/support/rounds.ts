/**
 * Repeated rounds for benchmarks on a noisy machine: BENCH_ROUNDS (default 1) rounds of a system
 * and its baseline, side by side each time; the headline is the round with the median ratio, and
 * every round's figures are reported so the spread is visible.
 */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));

export async function inRounds<T>(round: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let index = 0; index < ROUNDS; index++) results.push(await round());
  return results;
}

/** The round whose `ratio` is the median (the lower middle one for an even count). */
export function medianRound<T>(rounds: readonly T[], ratio: (round: T) => number): T {
  const sorted = [...rounds].sort((a, b) => ratio(a) - ratio(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
