/** The customer portal. Keys sorted; the English file has the same keys (checked by tsc and locales.spec). */
export const portal = {
  'portal.export': '組織のお問い合わせ履歴をダウンロード',
  'portal.title': 'マイチケット',
} as const;
