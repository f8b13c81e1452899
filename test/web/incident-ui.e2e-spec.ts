import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';

import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { deliveredMail, recipientsOf } from '../support/mail-folder';
import { startTestApp, TestApp } from '../support/test-app';

const MANAGER = { email: 'manager@madoguchi.test', password: 'manager passphrase 2026' };

describeWithBrowser('incidents from the desk to the public status page, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let managerApi: ApiClient;
  const clock = new SettableClock(Date.parse('2026-12-01T10:40:00+09:00'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const factories = await Factories.for(t);
    const manager = (await factories.staff('manager', { ...MANAGER, name: '佐々木 課長' })).api;
    managerApi = manager;
    const org = await factories.organization('さくら商事');
    await factories.customer(org.id, { email: 'taro@sakura.example', name: '山田 太郎', password: MANAGER.password });
    await manager.post('/api/v1/services', { name: '管理コンソール' });
    await manager.post('/api/v1/services', { name: '請求' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a manager saves a draft (the banner warns), publishes it, and the world sees it on /status', async () => {
    const page = await signedInPage(browser, t.baseUrl, MANAGER.email, MANAGER.password);
    await page.goto(`${t.baseUrl}/incidents`);
    // Refused first: no service ticked, no message — each field says so and nothing is saved.
    await page.getByLabel('件名').fill('管理コンソールにログインできない');
    await page.getByRole('button', { name: '登録する' }).click();
    expect(await page.locator('#serviceIds-error').textContent()).toBeTruthy();
    expect(await page.locator('[id="message.ja-error"]').textContent()).toBeTruthy();
    expect(await page.getByTestId('incidents').locator('tbody tr').first().textContent()).toContain('まだありません');

    await page.getByLabel('管理コンソール').check();
    await page.getByLabel('影響').selectOption('major-outage');
    await page.getByLabel('検知日時').fill('2026-12-01T10:10');
    await page
      .getByLabel('お知らせ本文（日本語）')
      .fill('ログインできない事象を調査しています。<script>alert(1)</script>');
    await page.getByLabel('下書きとして保存').check();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('published').textContent()).toContain('未公開');
    const banner = page.locator('#incident-banner');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toContain('管理コンソールにログインできない');
    expect(await banner.textContent()).toContain('11:10');
    // The draft shows the mail publishing would send: the manager's text escaped, as plain text.
    const preview = page.getByTestId('notice-preview');
    expect(await preview.locator('pre').first().textContent()).toContain(
      'ログインできない事象を調査しています。<script>alert(1)</script>',
    );
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'incident-preview.png'), fullPage: true });

    const status = await browser.newPage();
    await status.goto(`${t.baseUrl}/status`);
    expect(await status.getByTestId('open-incident').count()).toBe(0);

    await page.getByRole('button', { name: '公開してメールを送信' }).click();
    // Publishing e-mails everyone: a confirmation step says so first.
    expect(await page.getByTestId('confirmation').textContent()).toContain('公開は取り消せません');
    await page.getByRole('button', { name: '公開してメールを送信する' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('published').textContent()).toContain('30 分');
    await page.getByTestId('delivery').locator('[data-count="sent"]').getByText('1').waitFor();
    expect(await page.locator('#incident-banner').isHidden()).toBe(true);

    await status.reload();
    const incident = status.getByTestId('open-incident');
    expect(await incident.count()).toBe(1);
    expect(await incident.textContent()).toContain('管理コンソールにログインできない');
    // Text stays text on the public page.
    expect(await incident.textContent()).toContain('<script>alert(1)</script>');
    expect(await status.getByTestId('service-status').textContent()).toContain('停止');
    await status.getByRole('link', { name: 'English' }).click();
    expect(await status.getByRole('heading', { level: 1 }).textContent()).toBe('Service status');

    const mail = await deliveredMail(t.app, t.config.DATA_DIR);
    const notice = mail.find((m) => m.subject?.startsWith('【障害のお知らせ】'));
    expect(notice && recipientsOf(notice)).toEqual(['taro@sakura.example']);

    // A typo in the published title: corrected after a confirmation, and the status page says so.
    await page.getByTestId('correct-title').locator('summary').click();
    await page.getByTestId('correct-title').getByLabel('件名').fill('管理コンソールにサインインできない');
    await page.getByRole('button', { name: '件名を訂正する' }).click();
    expect(await page.getByTestId('confirmation').textContent()).toContain('メールは送られません');
    await page.getByRole('button', { name: '件名を訂正する' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('管理コンソールにサインインできない');
    await status.goto(`${t.baseUrl}/lang/ja?next=%2Fstatus`);
    expect(await status.getByTestId('title-corrected').textContent()).toMatch(
      /^件名を訂正しました（12月1日\(火\) \d\d:\d\d）$/,
    );
    expect((await deliveredMail(t.app, t.config.DATA_DIR)).length).toBe(mail.length);
  });

  it('a manager cannot schedule maintenance that breaks a rule: the page names it; a valid window is announced, then cancelled', async () => {
    const page = await signedInPage(browser, t.baseUrl, MANAGER.email, MANAGER.password);
    await page.goto(`${t.baseUrl}/maintenance`);
    const form = page.getByTestId('maintenance-form');
    await form.getByLabel('件名').fill('請求 DB 更新');
    await form.getByLabel('請求').check();
    await form.getByLabel('開始日時').fill('2027-05-29T01:00');
    await form.getByLabel('終了日時').fill('2027-05-29T05:00');
    await form.getByLabel('お知らせ本文（日本語）').fill('データベース更新のため停止します。');
    await form.getByRole('button', { name: '告知してメールを送信' }).click();
    // Published 2026-12-01 10:40: six calendar months ahead is 2027-06-01 10:40 at the earliest.
    const error = page.getByRole('alert').filter({
      hasText: '6 か月前までに告知が必要です。今告知すると、開始できるのは 2027年6月1日(火) 10:40 以降です。',
    });
    await error.waitFor();
    expect(await page.getByTestId('maintenances').locator('tbody tr').first().textContent()).toContain(
      'まだありません',
    );

    await page.getByTestId('maintenance-form').getByLabel('開始日時').fill('2027-06-05T01:00');
    await page.getByTestId('maintenance-form').getByLabel('終了日時').fill('2027-06-05T05:00');
    await page.getByTestId('maintenance-form').getByRole('button', { name: '告知してメールを送信' }).click();
    await page.waitForURL(/\/maintenance#maintenance-/);
    const row = page.getByTestId('maintenances').locator('tbody tr').first();
    expect(await row.textContent()).toContain('請求 DB 更新');
    expect(await row.textContent()).toContain('計画');
    // Scheduled notices in words, not `reminder-P1M`.
    expect(await row.textContent()).toContain('1 か月前のお知らせ');
    expect(await row.textContent()).toContain('完了のお知らせ');
    expect(await row.textContent()).not.toContain('reminder-');
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'maintenance.png'), fullPage: true });
    }

    await row.getByLabel('中止の理由').fill('作業を延期します。');
    await row.getByRole('button', { name: 'このメンテナンスを中止（理由を送信）' }).click();
    await page.getByRole('button', { name: '中止する' }).click();
    await page.waitForURL(/\/maintenance#maintenance-/);
    expect(await page.getByTestId('maintenances').locator('tbody tr').first().textContent()).toContain('中止');
    const feed = await page.request.get(`${t.baseUrl}/status/maintenance.ics`);
    expect(await feed.text()).toContain('STATUS:CANCELLED');
  });

  it('a manager moves a window from its page: a refused time is named, a valid one is mailed and rescheduled', async () => {
    const services = (await managerApi.get('/api/v1/services')).json.items as Array<{ id: string; name: string }>;
    const window = (
      await managerApi.post('/api/v1/maintenances', {
        title: 'ストレージ更新',
        serviceIds: [services.find((s) => s.name === '管理コンソール')!.id],
        startsAt: '2027-06-05T01:00:00+09:00',
        endsAt: '2027-06-05T03:00:00+09:00',
        kind: 'planned',
        message: { ja: 'ストレージを更新します。' },
      })
    ).json;
    const page = await signedInPage(browser, t.baseUrl, MANAGER.email, MANAGER.password);
    await page.goto(`${t.baseUrl}/maintenance`);
    await page.getByRole('link', { name: 'ストレージ更新' }).click();
    await page.waitForURL(`${t.baseUrl}/maintenance/${window.id}`);
    const form = page.getByTestId('reschedule-form');
    expect(await form.getByLabel('開始日時').inputValue()).toBe('2027-06-05T01:00');
    // Too soon for planned work announced today: the page says which rule, and nothing moves.
    await form.getByLabel('開始日時').fill('2027-05-01T01:00');
    await form.getByLabel('終了日時').fill('2027-05-01T03:00');
    await form.getByLabel('変更の理由（日本語）').fill('作業日を変更します。');
    await form.getByRole('button', { name: '日時を変更してメールを送信' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('6 か月');
    expect(await page.getByTestId('window-times').textContent()).toContain('6月5日');
    await page.getByTestId('reschedule-form').getByLabel('開始日時').fill('2027-06-12T01:00');
    await page.getByTestId('reschedule-form').getByLabel('終了日時').fill('2027-06-12T03:00');
    await page.getByTestId('reschedule-form').getByRole('button', { name: '日時を変更してメールを送信' }).click();
    await page.waitForURL(`${t.baseUrl}/maintenance/${window.id}`);
    expect(await page.getByTestId('window-times').textContent()).toContain('6月12日');
    expect(await page.getByTestId('window-schedule').textContent()).toContain('6月11日');
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'maintenance-window.png'), fullPage: true });
    const changed = (await deliveredMail(t.app, t.config.DATA_DIR)).find((mail) =>
      mail.subject?.includes('メンテナンス内容変更のお知らせ】ストレージ更新'),
    );
    expect(changed?.text).toContain('作業日を変更します。');
    await page.context().close();
  });

  it('recipients given up after the retry window are shown on the incident page, and a manager resends them', async () => {
    const manager = t.api.as(await t.api.login(MANAGER.email, MANAGER.password));
    const serviceId = ((await manager.get('/api/v1/services')).json.items as Array<{ id: string }>)[0]!.id;
    const created = await manager.post('/api/v1/incidents', {
      title: '請求画面が表示されない',
      serviceIds: [serviceId],
      impact: 'partial-outage',
      status: 'investigating',
      message: { ja: '調査しています。' },
    });
    expect(created.status).toBe(201);
    await deliveredMail(t.app, t.config.DATA_DIR);
    // As the retry window leaves it when the customer's mail server never took the notice.
    const dataSource = t.app.get(DataSource);
    await dataSource.query(
      `UPDATE notice_delivery d SET status = 'gave_up', response = 'gave up after 290 tries: 421 try again later'
         FROM incident_update u WHERE u.incident_id = $1 AND d.notice_id = u.notice_id`,
      [created.json.id],
    );
    await dataSource.query(
      `UPDATE notice_batch b SET done = true FROM incident_update u WHERE u.incident_id = $1 AND b.notice_id = u.notice_id`,
      [created.json.id],
    );

    const page = await signedInPage(browser, t.baseUrl, MANAGER.email, MANAGER.password);
    await page.goto(`${t.baseUrl}/incidents/${created.json.id}`);
    const delivery = page.getByTestId('delivery');
    expect(await delivery.locator('[data-count="gaveUp"]').textContent()).toBe('1');
    expect(await delivery.textContent()).toContain('再送打ち切り');
    const resend = page.getByTestId('resend');
    expect(await resend.textContent()).toContain('1 件の宛先は、メールサーバーが受け付けないまま再送期限を過ぎました');
    await page.screenshot({ path: join(t.config.DATA_DIR, 'incident-given-up.png'), fullPage: true });

    await resend.getByRole('button', { name: '打ち切った宛先に再送する' }).click();
    await page.waitForURL(`${t.baseUrl}/incidents/${created.json.id}`);
    expect(await page.getByTestId('resend').count()).toBe(0);
    // Sent again (the file driver keeps one file per Message-ID and recipient: the same file, rewritten).
    await deliveredMail(t.app, t.config.DATA_DIR);
    const rows = (await dataSource.query(
      `SELECT d.status FROM notice_delivery d JOIN incident_update u ON d.notice_id = u.notice_id WHERE u.incident_id = $1`,
      [created.json.id],
    )) as Array<{ status: string }>;
    expect(rows).toEqual([{ status: 'sent' }]);
    await delivery.locator('[data-count="sent"]').getByText('1').waitFor();
    expect(await delivery.locator('[data-count="gaveUp"]').textContent()).toBe('0');
  });

  it('an alert from monitoring opens a draft the manager reads in Japanese, and its recovery asks for a resolved update', async () => {
    const alert = (endsAt?: string) => ({
      version: '4',
      alerts: [
        {
          status: endsAt ? 'resolved' : 'firing',
          labels: { alertname: 'PaymentsDown', service: '決済' },
          annotations: { summary: '決済画面の応答がありません（HTTP 503）' },
          startsAt: '2026-12-01T01:05:00Z',
          endsAt: endsAt ?? '0001-01-01T00:00:00Z',
          fingerprint: 'payments-503',
        },
      ],
    });
    await managerApi.post('/api/v1/services', { name: '決済' });
    const [{ id }] = (await managerApi.post('/api/v1/monitoring/alerts', alert())).json.incidents;
    const page = await signedInPage(browser, t.baseUrl, MANAGER.email, MANAGER.password);
    await page.goto(`${t.baseUrl}/incidents/${id}`);
    const monitoring = page.getByTestId('monitoring');
    expect(await monitoring.textContent()).toContain('監視システムが検知し、下書きとして登録しました');
    expect(await monitoring.textContent()).toContain(
      '決済画面の応答がありません（HTTP 503） — 12月1日(火) 10:05 に検知、継続中',
    );
    expect(await page.getByTestId('incident-facts').textContent()).toContain('10:05');

    await managerApi.post('/api/v1/monitoring/alerts', alert('2026-12-01T01:30:00Z'));
    await page.reload();
    expect(await page.getByTestId('recovery-reported').textContent()).toContain(
      '監視システムが 12月1日(火) 10:30 に復旧を報告しています',
    );
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'incident-monitoring.png'), fullPage: true });
    }
    await page.close();
  });
});

/** Hiragana, katakana, CJK ideographs and full-width forms: what an English reader must not meet. */
const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;

describeWithBrowser('the status page, feeds and notices for English readers, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  const clock = new SettableClock(Date.parse('2026-12-01T10:40:00+09:00'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('with English names and titles given, an English reader meets no Japanese on /status, in feeds or in the notice', async () => {
    const factories = await Factories.for(t);
    const manager = (await factories.staff('manager', { ...MANAGER, name: '佐々木 課長' })).api;
    const org = await factories.organization('さくら商事');
    await factories.customer(org.id, { email: 'jane@sakura.example', name: 'Jane Doe', language: 'en' });
    const consoleService = (await manager.post('/api/v1/services', { name: '管理コンソール' })).json;
    const billing = (await manager.post('/api/v1/services', { name: '請求', nameEn: 'Billing' })).json;
    // A service named before English names existed gets one afterwards.
    const renamed = await manager.patch(`/api/v1/services/${consoleService.id}`, { nameEn: 'Admin console' });
    expect(renamed.json).toMatchObject({ name: '管理コンソール', nameEn: 'Admin console' });

    const incident = await manager.post('/api/v1/incidents', {
      title: '管理コンソールにログインできない',
      titleEn: 'Cannot sign in to the admin console',
      serviceIds: [consoleService.id],
      impact: 'major-outage',
      status: 'investigating',
      message: { ja: '調査しています。', en: 'We are investigating.' },
    });
    expect(incident.json).toMatchObject({
      title: '管理コンソールにログインできない',
      titleEn: 'Cannot sign in to the admin console',
    });
    const maintenance = await manager.post('/api/v1/maintenances', {
      title: '請求 DB の緊急更新',
      titleEn: 'Emergency billing database update',
      serviceIds: [billing.id],
      kind: 'emergency',
      reason: '脆弱性の修正のため',
      reasonEn: 'A security fix that cannot wait',
      startsAt: '2026-12-02T01:00:00+09:00',
      endsAt: '2026-12-02T03:00:00+09:00',
      message: { ja: '請求機能を停止します。', en: 'Billing stops during the window.' },
    });
    expect(maintenance.status).toBe(201);
    expect(maintenance.json).toMatchObject({
      titleEn: 'Emergency billing database update',
      reasonEn: 'A security fix that cannot wait',
    });

    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/lang/en?next=%2Fstatus`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Service status');
    expect(await page.getByTestId('open-incident').textContent()).toContain('Cannot sign in to the admin console');
    const upcoming = page.getByTestId('maintenance');
    expect(await upcoming.textContent()).toContain('Emergency billing database update');
    expect(await upcoming.textContent()).toContain('A security fix that cannot wait');
    expect(await page.getByTestId('service-status').textContent()).toContain('Admin console');
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'status-en.png'), fullPage: true });
    }
    // The language switch names each language in itself: 日本語 is the one Japanese word English readers see.
    const languageSwitch = await page.locator('.lang').innerText();
    const text = (await page.locator('body').innerText()).replace(languageSwitch, '');
    expect(text.match(new RegExp(`.{0,30}${JAPANESE.source}.{0,30}`, 'g'))).toBeNull();

    const atom = await page.request.get(`${t.baseUrl}/status/feed.atom?lang=en`);
    expect(await atom.text()).toContain('Cannot sign in to the admin console — Investigating');
    expect(await atom.text()).not.toMatch(JAPANESE);
    const ics = await page.request.get(`${t.baseUrl}/status/maintenance.ics?lang=en`);
    expect(await ics.text()).toContain('SUMMARY:[Emergency] Emergency billing database update');
    expect(await ics.text()).not.toMatch(JAPANESE);
    // The Japanese feed stays Japanese.
    expect(await (await page.request.get(`${t.baseUrl}/status/feed.atom`)).text()).toContain(
      '管理コンソールにログインできない — 調査中',
    );

    const mail = await deliveredMail(t.app, t.config.DATA_DIR);
    const english = mail.find(
      (m) => recipientsOf(m).includes('jane@sakura.example') && m.subject?.startsWith('[Incident]'),
    );
    expect(english?.subject).toBe('[Incident] Cannot sign in to the admin console (Investigating)');
    expect(english?.text).toContain('Services: Admin console');
    expect(english?.text).not.toMatch(JAPANESE);
    const window = mail.find(
      (m) => recipientsOf(m).includes('jane@sakura.example') && m.subject?.includes('Emergency'),
    );
    expect(window?.subject).toBe('[Emergency — Scheduled maintenance] Emergency billing database update');
    expect(window?.text).toContain('Why it cannot wait: A security fix that cannot wait');
    expect(window?.text).not.toMatch(JAPANESE);
  });
});
