import { en } from './locales/en';
import { ja } from './locales/ja';

export type Language = 'ja' | 'en';
export const LANGUAGES: Language[] = ['ja', 'en'];

export type MessageKey = keyof typeof ja;

const CATALOGS: Record<Language, Record<MessageKey, string>> = { ja, en };

export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

/** Whether a key computed at run time (an error code, say) has a UI string. */
export function isMessageKey(key: string): key is MessageKey {
  return key in ja;
}

/** Looks a UI string up in the language's catalog and fills `{placeholders}`. */
export function translator(language: Language): Translate {
  return (key, values = {}) =>
    CATALOGS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** Formatters for civil dates, one per language and shape: building one costs far more than using it. */
const civilFormatters = new Map<string, Intl.DateTimeFormat>();

function civilFormatter(language: Language, shape: 'day' | 'month'): Intl.DateTimeFormat {
  const key = `${language}|${shape}`;
  let format = civilFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      language === 'ja' ? 'ja-JP' : 'en-GB',
      shape === 'day'
        ? {
            timeZone: 'UTC',
            year: 'numeric',
            month: language === 'ja' ? 'long' : 'short',
            day: 'numeric',
            weekday: 'short',
          }
        : { timeZone: 'UTC', year: 'numeric', month: 'long' },
    );
    civilFormatters.set(key, format);
  }
  return format;
}

/** A civil date (`YYYY-MM-DD`) as people write it: 「2026年11月23日(月)」, "Mon 23 Nov 2026". */
export function formatCivilDay(day: string, language: Language): string {
  return civilFormatter(language, 'day').format(new Date(`${day}T00:00:00Z`));
}

/** A `YYYY-MM` month as people write it: 「2026年11月」, "November 2026". */
export function formatCivilMonth(month: string, language: Language): string {
  return civilFormatter(language, 'month').format(new Date(`${month}-01T00:00:00Z`));
}

/**
 * The catalog language an `Accept-Language` header prefers (`ja-JP;q=0.9, en;q=0.8` → ja), or
 * `fallback` when it names neither.
 */
export function preferredLanguage(acceptLanguage: string | undefined, fallback: Language): Language {
  let best: { language: Language; quality: number } | null = null;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...parameters] = part.trim().toLowerCase().split(';');
    const language = LANGUAGES.find((known) => tag === known || tag.startsWith(`${known}-`));
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q ? Number(q.slice(2)) : 1;
    if (language && Number.isFinite(quality) && quality > 0 && (!best || quality > best.quality))
      best = { language, quality };
  }
  return best?.language ?? fallback;
}
