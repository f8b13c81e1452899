/** The languages notices are written in: Japanese always, English where a manager gave it. */
export type NoticeLanguage = 'ja' | 'en';

/** A text as a reader of `language` sees it: the English version where there is one, else the Japanese. */
export function inLanguage(language: NoticeLanguage, ja: string, en: string | null | undefined): string {
  return language === 'en' && en ? en : ja;
}

/** An optional translation as stored: trimmed, and null when left empty. */
export function optionalText(text: string | null | undefined): string | null {
  return text?.trim() || null;
}

/** Service names in a reader's language, sorted and joined the way that language lists things. */
export function serviceList(
  language: NoticeLanguage,
  services: ReadonlyArray<{ name: string; nameEn: string | null }>,
): string {
  const names = services.map((service) => inLanguage(language, service.name, service.nameEn));
  return names.sort((a, b) => a.localeCompare(b, language)).join(language === 'ja' ? '、' : ', ');
}
