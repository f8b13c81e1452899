/** What a recipient's SMTP reply means for its delivery row. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

/**
 * 2xx → sent; 5xx → failed for good (the address is quarantined); 4xx, or no reply at all
 * (connection lost, timeout) → try again later.
 */
export function deliveryOutcome(code: number | undefined, accepted: boolean): DeliveryOutcome {
  if (accepted) return 'sent';
  if (code !== undefined && code >= 500 && code < 600) return 'failed';
  return 'retry';
}

/** A delivery that keeps failing temporarily is given up after this many tries (about a day with backoff). */
export const MAX_DELIVERY_ATTEMPTS = 12;
