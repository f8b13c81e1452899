/** Sign-in and the home page. Keys sorted; the English file has the same keys (checked by tsc and locales.spec). */
export const account = {
  'home.role': 'ロール: {role}',
  'home.title': 'ホーム',
  'home.welcome': 'ようこそ、{name} さん',
  'landing.disclosures': '開示レポート',
  'landing.disclosuresHelp': 'サポート品質の指標を毎月公開しています。',
  'landing.inquiry': 'お問い合わせ',
  'landing.inquiryHelp': 'フォームから 24 時間いつでもお問い合わせいただけます。',
  'landing.intro': 'ご用件をお選びください。',
  'landing.portal': '問い合わせ状況の確認（ログイン）',
  'landing.portalHelp': 'お問い合わせの進み具合や回答をご確認いただけます。',
  'landing.status': '障害・メンテナンス情報',
  'landing.statusHelp': 'サービスの稼働状況と予定されているメンテナンス。',
  'landing.title': 'サポート窓口',
  'login.email': 'メールアドレス',
  'login.expired': 'フォームの有効期限が切れました。もう一度お試しください。',
  'login.password': 'パスワード',
  'login.submit': 'ログイン',
  'login.title': 'ログイン',
  'privacy.builtIn.1':
    'お問い合わせにお答えするため、お名前・メールアドレス・会社名・電話番号と、お問い合わせの内容・添付ファイルを保存します。',
  'privacy.builtIn.2':
    '保存した情報は、お問い合わせへの回答、対応状況のご連絡、障害・メンテナンスのお知らせ、サポート品質の集計（個人が分からない形の数値）にだけ使います。',
  'privacy.builtIn.3':
    'アクセスの記録（日時・IP アドレス・ブラウザーの種類）は、不正利用を防ぎ、操作の記録として保管するために使います。',
  'privacy.builtIn.4': 'ご自身の情報の確認・削除をご希望のときは、お問い合わせフォームからご連絡ください。',
  'privacy.link': 'プライバシーポリシーを読む（新しいタブ）',
  'privacy.title': 'プライバシーポリシー',
  'recoveryCodes.continue': '続ける',
  'recoveryCodes.intro':
    'スマートフォンをなくしたときは、次のコードで 1 回ずつログインできます。この画面でしか表示されません。印刷するか、安全な場所に保管してください。',
  'recoveryCodes.title': 'リカバリーコード',
  'secondFactor.code': '確認コード',
  'secondFactor.code.enrolHint': '設定した認証アプリに表示されている 6 桁のコードを入力してください。',
  'secondFactor.code.hint': '認証アプリに表示されている 6 桁のコード、またはリカバリーコードを入力してください。',
  'secondFactor.enrol.intro':
    'このアカウントには 2 段階認証が必要です。Google Authenticator や Microsoft Authenticator などの認証アプリで QR コードを読み取り、表示された 6 桁のコードを入力してください。',
  'secondFactor.enrol.secret': '読み取れない場合は次のキーを入力してください:',
  'secondFactor.enrol.title': '認証アプリを設定してください',
  'secondFactor.submit': '確認する',
  'secondFactor.title': '2 段階認証',
  'security.codesLeft': '未使用のリカバリーコード: {count} 個',
  'security.enrol': '認証アプリを設定する',
  'security.enrol.intro':
    '認証アプリで QR コードを読み取り、表示された 6 桁のコードを入力してください。以後のログインではパスワードのあとにコードを求めます。',
  'security.enrolled': '2 段階認証（認証アプリ）を使っています。',
  'security.notEnrolled': '2 段階認証は設定されていません。パスワードだけでログインできる状態です。',
  'security.remove': '2 段階認証を解除する',
  'security.remove.code': '解除するには、認証アプリのコードまたはリカバリーコードを入力してください',
  'security.required':
    'このアカウントの権限では 2 段階認証が必須です。スマートフォンをなくしたときは管理者にリセットを依頼してください。',
  'security.title': 'ログインのセキュリティ',
} as const;
