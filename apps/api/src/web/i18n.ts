export type Language = 'ja' | 'en';
export const LANGUAGES: Language[] = ['ja', 'en'];

const ja = {
  'app.name': 'Madoguchi',
  'nav.skip': '本文へ移動',
  'nav.home': 'ホーム',
  'nav.organizations': '組織',
  'nav.users': 'ユーザー',
  'nav.audit': '監査ログ',
  'nav.logout': 'ログアウト',
  'nav.language': '言語',
  'login.title': 'ログイン',
  'login.email': 'メールアドレス',
  'login.password': 'パスワード',
  'login.submit': 'ログイン',
  'login.expired': 'フォームの有効期限が切れました。もう一度お試しください。',
  'home.title': 'ホーム',
  'home.welcome': 'ようこそ、{name} さん',
  'home.role': 'ロール: {role}',
  'role.customer': 'お客様',
  'role.agent': 'エージェント',
  'role.manager': 'マネージャー',
  'role.admin': '管理者',
  'org.title': '組織',
  'org.name': '組織名',
  'org.code': 'コード',
  'org.status': '状態',
  'org.create': '組織を作成',
  'org.created': '組織「{name}」を作成しました。',
  'org.deactivate': '無効にする',
  'status.active': '有効',
  'status.inactive': '無効',
  'user.title': 'ユーザー',
  'user.email': 'メールアドレス',
  'user.name': '氏名',
  'user.password': '初期パスワード（12文字以上）',
  'user.role': 'ロール',
  'user.organization': '組織（お客様のみ）',
  'user.none': '（なし）',
  'user.create': 'ユーザーを作成',
  'user.created': 'ユーザー {email} を作成しました。',
  'audit.title': '監査ログ',
  'audit.when': '日時',
  'audit.actor': '実行者',
  'audit.action': '操作',
  'audit.target': '対象',
  'audit.ip': 'IP',
  'audit.filter': '絞り込み',
  'audit.export': 'CSV をダウンロード',
  'audit.older': '古いエントリ',
  'form.errors': '入力内容を確認してください。',
  empty: 'まだありません。',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  'app.name': 'Madoguchi',
  'nav.skip': 'Skip to content',
  'nav.home': 'Home',
  'nav.organizations': 'Organizations',
  'nav.users': 'Users',
  'nav.audit': 'Audit log',
  'nav.logout': 'Sign out',
  'nav.language': 'Language',
  'login.title': 'Sign in',
  'login.email': 'E-mail address',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.expired': 'The form expired. Please try again.',
  'home.title': 'Home',
  'home.welcome': 'Welcome, {name}',
  'home.role': 'Role: {role}',
  'role.customer': 'Customer',
  'role.agent': 'Agent',
  'role.manager': 'Manager',
  'role.admin': 'Admin',
  'org.title': 'Organizations',
  'org.name': 'Name',
  'org.code': 'Code',
  'org.status': 'Status',
  'org.create': 'Create organization',
  'org.created': 'Created the organization “{name}”.',
  'org.deactivate': 'Deactivate',
  'status.active': 'Active',
  'status.inactive': 'Inactive',
  'user.title': 'Users',
  'user.email': 'E-mail address',
  'user.name': 'Name',
  'user.password': 'Initial password (12+ characters)',
  'user.role': 'Role',
  'user.organization': 'Organization (customers only)',
  'user.none': '(none)',
  'user.create': 'Create user',
  'user.created': 'Created the user {email}.',
  'audit.title': 'Audit log',
  'audit.when': 'When',
  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.target': 'Target',
  'audit.ip': 'IP',
  'audit.filter': 'Filter',
  'audit.export': 'Download CSV',
  'audit.older': 'Older entries',
  'form.errors': 'Please check the highlighted fields.',
  empty: 'Nothing yet.',
};

const CATALOGS: Record<Language, Record<MessageKey, string>> = { ja, en };

export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

/** Looks a UI string up in the language's catalog and fills `{placeholders}`. */
export function translator(language: Language): Translate {
  return (key, values = {}) =>
    CATALOGS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** Dates are shown in Japan time whatever the language. */
export function formatDateTime(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(date);
}
