import { formatInstant } from '@madoguchi/business-calendar';
import type { DomainError } from '@madoguchi/common';

import { isMessageKey, type Language, translator } from './i18n';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A domain error as its reader is told it: `problem.<code>` from the catalog, its details as the
 * placeholders — instants as people read them in `timeZone` (left as they are without one, for
 * API clients), a wait in minutes, ticket statuses by their names. Null for a code with no words.
 */
export function problemText(error: DomainError, language: Language, timeZone: string | null): string | null {
  const key = `problem.${error.code}`;
  if (!isMessageKey(key)) return null;
  const t = translator(language);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(error.details)) {
    if (typeof value === 'string' && timeZone && ISO_INSTANT.test(value))
      values[name] = formatInstant(Date.parse(value), { timeZone, language, now: Date.now() });
    else if (typeof value === 'string' || typeof value === 'number') values[name] = String(value);
  }
  const wait = error.details.retryAfterSeconds;
  if (typeof wait === 'number') values.minutes = String(Math.max(1, Math.ceil(wait / 60)));
  // Values with words of their own: ticket statuses, and what a refused upload really is.
  for (const [name, prefix] of [
    ['from', 'status.'],
    ['to', 'status.'],
    ['mismatch', 'import.mismatch.'],
  ]) {
    const worded = `${prefix}${values[name!]}`;
    if (values[name!] && isMessageKey(worded)) values[name!] = t(worded);
  }
  return t(key, values);
}
