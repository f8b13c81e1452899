import { JOB_LOST_AFTER_SECONDS } from '../domain/retry-schedule';

/**
 * The rows (outbox messages, notice batches: `next_attempt_at`, `lease_until`, `queued_at`) that
 * need a job: due, not leased, and with no job queued since they fell due — or one queued
 * JOB_LOST_AFTER_SECONDS ago that nobody took (lost with Redis).
 */
export const DUE_WITHOUT_JOB = `next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
  AND (queued_at IS NULL OR queued_at < next_attempt_at
       OR queued_at < now() - make_interval(secs => ${JOB_LOST_AFTER_SECONDS}))`;
