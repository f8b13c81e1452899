import type { Browser, Page } from 'playwright-core';

import { Factories } from '../factories';
import { describeWithBrowser, launchBrowser } from '../support/browser';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const AGENT = { email: 'suzuki@madoguchi.test', password: 'agent passphrase 2026', name: '鈴木 一郎' };
const MANAGER = { email: 'sato@madoguchi.test', password: 'manager passphrase 2026', name: '佐藤 美咲' };

describeWithBrowser('web UI in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    const factories = await Factories.for(t);
    await factories.staff('agent', AGENT);
    await factories.staff('manager', MANAGER);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    page = await (await browser.newContext()).newPage();
  });

  afterEach(async () => {
    await page.context().close();
  });

  async function signIn(email: string, password: string) {
    // An anonymous visitor lands on the choices of the public pages, sign-in among them.
    await page.goto(`${t.baseUrl}/`);
    await page.getByTestId('landing').getByRole('link', { name: '問い合わせ状況の確認（ログイン）' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード').fill(password);
    await page.getByRole('button', { name: 'ログイン' }).click();
  }

  it('shows an error for a wrong password and stays on the sign-in page', async () => {
    await signIn(AGENT.email, 'definitely not it');
    expect(await page.getByRole('alert').textContent()).toBe('メールアドレスまたはパスワードが正しくありません。');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByLabel('メールアドレス').inputValue()).toBe(AGENT.email);
  });

  it('lets an agent sign in, switch to English and sign out', async () => {
    await signIn(AGENT.email, AGENT.password);
    await page.waitForURL(`${t.baseUrl}/`);
    expect(await page.locator('main').textContent()).toContain(`ようこそ、${AGENT.name} さん`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await expect(page.getByRole('link', { name: 'ユーザー' }).count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForLoadState();
    expect(await page.locator('main').textContent()).toContain(`Welcome, ${AGENT.name}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${t.baseUrl}/`);
    expect(await page.getByTestId('landing').isVisible()).toBe(true);
  });

  it('lets an admin create an organization and a customer contact, and see both and the sign-in in the audit log', async () => {
    await signIn(ADMIN.email, ADMIN.password);
    await page.waitForURL(`${t.baseUrl}/`);

    await page.getByRole('link', { name: '組織' }).click();
    await page.getByLabel('組織名').fill('株式会社ひまわり物産');
    await page.getByLabel('コード').fill('HIMAWARI');
    await page.getByRole('button', { name: '組織を作成' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('株式会社ひまわり物産');

    await page.getByRole('link', { name: 'ユーザー' }).click();
    await page.getByLabel('メールアドレス').fill('tanaka@himawari.example.jp');
    await page.getByLabel('氏名').fill('田中 花子');
    await page.getByLabel('初期パスワード（12 文字以上）').fill('short');
    await page.getByLabel('ロール').selectOption('customer');
    await page.getByLabel('組織（お客様のみ）').selectOption({ label: '株式会社ひまわり物産' });
    await page.getByRole('button', { name: 'ユーザーを作成' }).click();
    expect(await page.locator('#password-error').textContent()).toBe('パスワードは 12 文字以上にしてください。');

    await page.getByLabel('初期パスワード（12 文字以上）').fill('himawari passphrase 1');
    await page.getByRole('button', { name: 'ユーザーを作成' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('tanaka@himawari.example.jp');

    await page.getByRole('link', { name: '田中 花子' }).click();
    await page.getByLabel('氏名').fill('田中 花子（経理）');
    await page.getByLabel('言語', { exact: true }).and(page.locator('select')).selectOption('en');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/admin\/users$/);
    const row = page.getByRole('row', { name: /田中 花子（経理）/ });
    await row.getByRole('button', { name: '無効にする' }).click();
    await page.getByTestId('confirmation').getByRole('button', { name: '無効にする' }).click();
    await page.waitForURL(/\/admin\/users$/);
    await expect(page.getByRole('row', { name: /田中 花子（経理）/ }).textContent()).resolves.toContain('無効');

    await page.getByRole('link', { name: '監査ログ' }).click();
    const log = (await page.locator('table').textContent()) ?? '';
    expect(log).toContain('organization.create');
    expect(log).toContain('user.create');
    expect(log).toContain('user.update');
    expect(log).toContain('user.deactivate');

    await page.getByLabel('対象の種類').fill('organization');
    await page.getByRole('button', { name: '絞り込み' }).click();
    const organizationsOnly = (await page.locator('table').textContent()) ?? '';
    expect(organizationsOnly).toContain('organization.create');
    expect(organizationsOnly).not.toContain('user.create');
    expect(await page.getByRole('link', { name: 'CSV をダウンロード' }).getAttribute('href')).toBe(
      '/api/v1/audit-events/export.csv?targetType=organization',
    );
    expect(log).toContain('auth.login.succeeded');
  });

  it('shows the support hours on the sign-in page', async () => {
    await page.goto(`${t.baseUrl}/login`);
    const status = (await page.getByTestId('support-hours-status').textContent()) ?? '';
    expect(status).toMatch(/受付中です（.+ まで）|ただいま受付時間外です。次の受付開始: .+/);
    expect(await page.getByRole('row', { name: /月/ }).textContent()).toContain('09:00–12:00, 13:00–17:00');
  });

  it('lets a manager close a date on the support calendar and see it in the 30-day preview', async () => {
    await signIn(MANAGER.email, MANAGER.password);
    await page.waitForURL(`${t.baseUrl}/`);
    await page.getByRole('link', { name: '営業カレンダー' }).click();
    await page.getByRole('link', { name: /サポート受付時間/ }).click();

    const preview = page.getByTestId('calendar-preview');
    const openRow = preview.locator('tbody tr').filter({ hasText: '09:00-12:00, 13:00-17:00' }).first();
    const openDate = (await openRow.getAttribute('data-date'))!;
    // The preview writes dates in words, not as YYYY-MM-DD.
    expect(await openRow.textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日\([月火水木金]\)/);

    // The week is a grid of intervals: Monday's afternoon with a start and no end is refused under Monday.
    const grid = page.getByTestId('weekly-grid');
    expect(await grid.getByLabel('月曜日 時間帯 1 の開始').inputValue()).toBe('09:00');
    expect(await grid.getByLabel('月曜日 時間帯 2 の終了').inputValue()).toBe('17:00');
    await grid.getByLabel('月曜日 時間帯 2 の終了').fill('');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('#weekly\\.monday-error').textContent()).resolves.toContain('開始と終了の両方');
    await expect(grid.getByLabel('月曜日 時間帯 2 の開始').getAttribute('aria-invalid')).resolves.toBe('true');
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/calendar-grid.png`, fullPage: true });
    }

    await grid.getByLabel('月曜日 時間帯 2 の終了').fill('17:00');
    await page.getByLabel('休業日（1行に1日、YYYY-MM-DD）').fill(openDate);
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('保存しました');
    const closedRow = preview.locator(`tr[data-date="${openDate}"]`);
    expect(await closedRow.textContent()).not.toContain('09:00');
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '営業カレンダー' })
      .click();
    await page.getByLabel('ID（英小文字・数字・ハイフン）').fill('year-end');
    await page.getByLabel('名前').fill('年末年始窓口');
    await page.getByRole('button', { name: '作成' }).click();
    await page.waitForURL(/\/calendars\/year-end$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('年末年始窓口');

    const api = (await (await fetch(`${t.baseUrl}/api/v1/calendars/support-hours`)).json()) as {
      closedDates: string[];
    };
    expect(api.closedDates).toEqual([openDate]);
  });

  it('lets a manager add an SLA policy from its page, with field errors first', async () => {
    await signIn(MANAGER.email, MANAGER.password);
    await page.waitForURL(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'SLA ポリシー' }).click();
    await page.getByLabel('名前').fill('高優先度');
    await page.getByLabel('順位').fill('15');
    await page.getByLabel('優先度').selectOption({ label: '高' });
    // Counted in the support desk's hours unless the manager picks another calendar.
    expect(await page.getByLabel('営業カレンダー').inputValue()).toBe('support-hours');
    // Targets are hours and minutes of business time, and the page says what a business day is.
    expect(await page.getByTestId('sla-policy-form').textContent()).toContain('1 営業日 = 7時間（月・火・水・木・金）');
    await page.getByLabel('初回応答目標（時間）').fill('-1');
    await page.getByLabel('解決目標（時間）').fill('14');
    await page.getByRole('button', { name: '追加' }).click();
    expect(await page.locator('#firstResponseTarget-error').textContent()).toBe(
      '時間と分を 0 以上の整数で入力してください（分は 59 まで、合わせて 1 分以上）。',
    );
    expect(await page.getByLabel('解決目標（時間）').inputValue()).toBe('14');
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/sla-policy-refused.png`, fullPage: true });
    }

    await page.getByLabel('初回応答目標（時間）').fill('2');
    await page.getByRole('button', { name: '追加' }).click();
    await page.waitForURL(/\/sla-policies$/);
    const row = page.getByTestId('sla-policies').getByRole('row', { name: /高優先度/ });
    expect(await row.textContent()).toContain('優先度: 高');
    expect(await row.textContent()).toContain('2時間');

    // Edit it: the form comes filled in with the policy as it is.
    await row.getByRole('link', { name: '高優先度' }).click();
    await page.waitForURL(/\/sla-policies\/[0-9a-f-]+$/);
    await expect(page.getByLabel('優先度').inputValue()).resolves.toBe('high');
    await expect(page.getByLabel('初回応答目標（時間）').inputValue()).resolves.toBe('2');
    await expect(page.getByLabel('初回応答目標（分）').inputValue()).resolves.toBe('0');
    await page.getByLabel('初回応答目標（時間）').fill('3');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/sla-policies$/);
    const edited = page.getByTestId('sla-policies').getByRole('row', { name: /高優先度/ });
    expect(await edited.textContent()).toContain('3時間');
    const manager = t.api.as(await t.api.login(MANAGER.email, MANAGER.password));
    const policies = (await manager.get('/api/v1/sla-policies')).json as {
      items: Array<{ name: string; conditions: object; firstResponseTarget: string; resolutionTarget: string }>;
    };
    expect(policies.items.find((policy) => policy.name === '高優先度')).toMatchObject({
      conditions: { priority: 'high' },
      firstResponseTarget: 'PT3H',
      resolutionTarget: 'PT14H',
    });
  });

  it('lets a manager keep agent groups: add one with members, rename it, change who is in it', async () => {
    await signIn(MANAGER.email, MANAGER.password);
    await page.waitForURL(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'グループ' }).click();
    await page.getByRole('button', { name: '追加' }).click();
    await expect(page.locator('#group-name:invalid').count()).resolves.toBe(1);
    await page.getByLabel('グループ名').fill('請求チーム');
    await page.getByLabel(new RegExp(AGENT.name)).check();
    await page.getByRole('button', { name: '追加' }).click();
    await page.waitForURL(/\/groups$/);
    const row = page.getByTestId('groups').getByRole('row', { name: /請求チーム/ });
    expect(await row.textContent()).toContain(AGENT.name);

    await row.getByRole('link', { name: '請求チーム' }).click();
    await page.getByLabel('グループ名').fill('請求・契約チーム');
    await page.getByLabel(new RegExp(AGENT.name)).uncheck();
    await page.getByLabel(new RegExp(MANAGER.name)).check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/groups$/);
    const renamed = page.getByTestId('groups').getByRole('row', { name: /請求・契約チーム/ });
    expect(await renamed.textContent()).toContain(MANAGER.name);
    expect(await renamed.textContent()).not.toContain(AGENT.name);
  });
});
