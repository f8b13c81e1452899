import type { FieldProblem } from '@madoguchi/common';

import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * What is wrong with a new password (null when acceptable), after OWASP ASVS: length, not common,
 * not the e-mail; the first rule broken names the problem, every message is listed.
 */
export function passwordProblem(password: string, email?: string): FieldProblem | null {
  const broken: Array<[rule: string, message: string]> = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    broken.push(['password.too-short', `password must be at least ${PASSWORD_MIN_LENGTH} characters long`]);
  if (length > PASSWORD_MAX_LENGTH)
    broken.push(['password.too-long', `password must be at most ${PASSWORD_MAX_LENGTH} characters long`]);
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) broken.push(['password.common', 'password is too common']);
  if (email && lowered === email.toLowerCase())
    broken.push(['password.email', 'password must not be the e-mail address']);
  if (broken.length === 0) return null;
  const params = { min: String(PASSWORD_MIN_LENGTH), max: String(PASSWORD_MAX_LENGTH) };
  return { field: 'password', messages: broken.map(([, message]) => message), rule: broken[0]![0], params };
}
