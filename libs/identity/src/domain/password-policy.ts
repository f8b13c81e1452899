import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** What is wrong with a new password (empty when acceptable), after OWASP ASVS: length, not common, not the e-mail. */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`password must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`password must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) problems.push('password is too common');
  if (email && lowered === email.toLowerCase()) problems.push('password must not be the e-mail address');
  return problems;
}
