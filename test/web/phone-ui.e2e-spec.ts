import { join } from 'node:path';

import type { Browser } from 'playwright-core';

import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const MANAGER = { email: 'manager@madoguchi.test', password: 'manager passphrase 2026' };
const AGENT = { email: 'agent@madoguchi.test', password: 'agent passphrase 2026' };
/** Tuesday 2026-12-01 09:00 Japan time. */
const BASE = Date.parse('2026-12-01T09:00:00+09:00') / 1000;

const DAY_LOG = [
  `${BASE}|NONE|support|Agent/1001|ADDMEMBER|`,
  `${BASE + 60}|C1|support|NONE|ENTERQUEUE||0312345678|1`,
  `${BASE + 63}|C1|support|NONE|ABANDON|1|1|3`,
  `${BASE + 120}|C2|support|NONE|ENTERQUEUE||0399998888|1`,
  `${BASE + 150}|C2|support|Agent/1001|CONNECT|30|x.1|2`,
  `${BASE + 450}|C2|support|Agent/1001|COMPLETECALLER|30|300|1`,
  `${BASE + 600}|NONE|support|Agent/1001|PAUSE|break`,
  // The log's last event: the PBX has told nothing about later, so the pause holds up to here.
  `${BASE + 1800}|NONE|NONE|NONE|QUEUESTART|`,
  'not a line',
].join('\n');

describeWithBrowser('phone desk pages in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  const clock = new SettableClock(Date.parse('2026-12-01T15:00:00+09:00'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const make = await Factories.for(t);
    await make.staff('manager', { ...MANAGER, name: '佐々木 課長' });
    await make.staff('agent', { ...AGENT, name: '鈴木 一郎' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a manager uploads a day of PBX log, watches it import, and sees every call and the agent’s availability', async () => {
    const page = await signedInPage(browser, t.baseUrl, MANAGER.email, MANAGER.password);
    await page.goto(`${t.baseUrl}/phone/imports`);
    await page
      .getByLabel('ファイル')
      .setInputFiles({ name: 'queue_log', mimeType: 'text/plain', buffer: Buffer.from(DAY_LOG) });
    await page.getByRole('button', { name: 'アップロード' }).click();
    await page.waitForURL(/\/phone\/imports\/[0-9a-f-]{36}$/);
    // The report page refreshes itself until the import has finished.
    await page.getByTestId('import-status').getByText('完了').waitFor({ timeout: 15_000 });
    const report = await page.getByTestId('import-report').textContent();
    expect(report?.replace(/\s+/g, ' ')).toContain('読み込んだ行9 新規通話2 更新した通話0 スキップした行1');
    // Skipped lines are grouped by reason, in Japanese, with the line itself as an example.
    const skipped = (await page.getByTestId('import-skipped').textContent())?.replace(/\s+/g, ' ');
    expect(skipped).toContain('区切り（|）が足りない1 9 行目: not a line');
    // What the file covered, and how far the PBX data reaches.
    expect(await page.getByTestId('import-coverage').textContent()).toContain('12月1日(火)');
    expect(await page.getByTestId('pbx-horizon').textContent()).toContain('PBX データは');
    await page.screenshot({ path: join(t.config.DATA_DIR, 'phone-import-report.png'), fullPage: true });

    await page.goto(`${t.baseUrl}/phone/calls?day=2026-12-01`);
    const rows = page.getByTestId('calls').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('放棄');
    expect(await rows.nth(1).textContent()).toContain('Agent/1001');
    const presenceRows = page.getByTestId('presence').locator('tbody tr');
    const cells = async (n: number) => (await presenceRows.nth(n).locator('td').allTextContents()).map((c) => c.trim());
    expect(await cells(0)).toEqual(['Agent/1001', '対応可能', '09:00:00', '09:10:00']);
    expect(await cells(1)).toEqual(['Agent/1001', '離席中 (break)', '09:10:00', '09:30:00']);

    await page.getByTestId('calls').getByRole('link', { name: '09:02:00' }).click();
    const timeline = await page.getByTestId('timeline').textContent();
    expect(timeline).toContain('Agent/1001 が応答（待ち 30 秒）');
    expect(timeline).toContain('通話 300 秒');
    await page.context().close();
  });

  it('an agent toggles availability and logs a call that becomes a phone ticket', async () => {
    const page = await signedInPage(browser, t.baseUrl, AGENT.email, AGENT.password);
    await page.goto(`${t.baseUrl}/phone`);
    expect(await page.getByTestId('presence-state').textContent()).toContain('オフライン');
    await page.getByRole('button', { name: '対応可能' }).click();
    expect(await page.getByTestId('presence-state').textContent()).toContain('対応可能');

    const form = page.getByTestId('log-call');
    await form.getByLabel('電話番号').fill('03-1111-2222');
    await form.getByLabel('開始日時').fill('2026-12-01T14:30');
    await form.getByLabel('通話時間（分）').fill('5');
    await form.getByLabel('内容').fill('契約更新の確認');
    await form.getByRole('button', { name: '記録する' }).click();
    await page.waitForURL(/\/phone\/calls\/[0-9a-f-]{36}$/);
    await page.getByLabel('お名前').fill('高橋 三郎');
    await page.getByLabel('メールアドレス').fill('takahashi@example.jp');
    await page.getByLabel('件名').fill('電話: 契約更新');
    await page.getByRole('button', { name: 'この通話からチケットを作成' }).click();
    await page.waitForURL(/\/desk\/tickets\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('thread').textContent()).toContain('契約更新の確認');
    await page.context().close();
  });
});
