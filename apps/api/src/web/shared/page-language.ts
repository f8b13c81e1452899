import type { AuthenticatedRequest } from '../../auth/auth-request';
import { type Language, LANGUAGES } from '../../i18n/i18n';

/** The language switch's cookie (`/lang/:language`). */
export const LANGUAGE_COOKIE = 'madoguchi_lang';

/** The reader's language: the one chosen on the site (cookie), else the signed-in user's own, else Japanese. */
export function languageOf(request: AuthenticatedRequest): Language {
  const chosen = request.cookies?.[LANGUAGE_COOKIE];
  if (LANGUAGES.includes(chosen as Language)) return chosen as Language;
  return request.auth?.principal.language ?? 'ja';
}
