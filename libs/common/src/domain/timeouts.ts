/**
 * `work`, or a rejection with `message` once `ms` have passed (the timer is cleared either way).
 * `work` itself goes on in the background: only the wait is bounded.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether `work` settled (resolved or rejected) within `ms`; it goes on in the background either way. */
export function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return withTimeout(
    work.then(
      () => true,
      () => true,
    ),
    ms,
    'timed out',
  ).catch(() => false);
}
