/** The customer portal. Keys sorted; the English file has the same keys (checked by tsc and locales.spec). */
export const portal = {
  'portal.export': '組織のお問い合わせ履歴をダウンロード',
  'portal.mine': '自分のお問い合わせだけ',
  'portal.next': '次のページ',
  'portal.search': '番号・件名・本文で検索',
  'portal.state': '状況',
  'portal.state.all': 'すべて',
  'portal.state.done': '完了',
  'portal.state.open': '対応中',
  'portal.title': 'マイチケット',
  'portal.updated': '最終更新',
} as const;
