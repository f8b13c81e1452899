import type { Logger } from '@nestjs/common';

/**
 * Keeps a lease alive while its holder works: `renew` runs every third of the lease, so two
 * renewals may fail before another sender could take the work. Call the returned function when done.
 */
export function keepLeaseAlive(
  leaseSeconds: number,
  renew: () => Promise<unknown>,
  logger: Logger,
  what: Record<string, unknown>,
): () => void {
  const timer = setInterval(
    () => void renew().catch((error: Error) => logger.warn({ ...what, error: error.message }, 'lease not renewed')),
    (leaseSeconds * 1000) / 3,
  );
  timer.unref();
  return () => clearInterval(timer);
}
