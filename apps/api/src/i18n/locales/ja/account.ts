/** Sign-in and the home page. Keys sorted; the English file has the same keys (checked by tsc and locales.spec). */
export const account = {
  'home.role': 'ロール: {role}',
  'home.title': 'ホーム',
  'home.welcome': 'ようこそ、{name} さん',
  'login.email': 'メールアドレス',
  'login.expired': 'フォームの有効期限が切れました。もう一度お試しください。',
  'login.password': 'パスワード',
  'login.submit': 'ログイン',
  'login.title': 'ログイン',
} as const;
