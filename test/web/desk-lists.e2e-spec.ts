import type { Browser } from 'playwright-core';

import { Factories, FACTORY_PASSWORD } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describeWithBrowser('desk lists in Chromium: counts, filters, order and pages', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('counts each queue, pages 50 at a time, filters by assignee and status, and orders by creation', async () => {
    const factories = await Factories.for(t);
    const agent = await factories.staff('agent', { name: '鈴木 一郎' });
    const other = await factories.staff('agent', { name: '田中 花子' });
    const tickets = [];
    for (let n = 1; n <= 53; n += 1) tickets.push(await factories.ticket(null, { subject: `一覧の確認 ${n}` }));
    for (const { id } of tickets.slice(0, 3)) await agent.api.patch(`/api/v1/tickets/${id}`, { assigneeId: other.id });
    await agent.api.patch(`/api/v1/tickets/${tickets[3]!.id}`, { status: 'solved' });

    const page = await signedInPage(browser, t.baseUrl, agent.email, FACTORY_PASSWORD);
    await page.goto(`${t.baseUrl}/desk?queue=open`);
    expect(await page.getByTestId('desk-count').textContent()).toBe('52 件');
    expect(await page.getByTestId('queue-unassigned').textContent()).toContain('49');
    expect(await page.getByTestId('queue-mine').textContent()).toContain('0');
    const rows = page.getByTestId('desk-queue').locator('tbody tr');
    expect(await rows.count()).toBe(50);
    await page.getByTestId('next-page').click();
    expect(await rows.count()).toBe(2);
    expect(await page.getByTestId('next-page').count()).toBe(0);
    await page.getByTestId('first-page').click();
    expect(await rows.count()).toBe(50);

    await page.locator('#filter-assignee').selectOption({ label: '田中 花子' });
    await page.getByRole('button', { name: '検索' }).click();
    expect(await page.getByTestId('desk-count').textContent()).toBe('3 件');
    expect(await page.getByTestId('desk-queue').textContent()).toContain('田中 花子');

    await page.locator('#filter-assignee').selectOption('');
    await page.locator('#filter-status').selectOption({ label: '解決済み' });
    await page.getByRole('button', { name: '検索' }).click();
    expect(await page.getByTestId('desk-count').textContent()).toBe('1 件');
    expect(await rows.first().textContent()).toContain('一覧の確認 4');
    // Saved as a view of one's own, it brings these filters back from anywhere.
    await page.getByTestId('saved-views').locator('summary').click();
    await page.locator('#view-name').fill('解決済みの確認');
    await page.getByRole('button', { name: 'この条件をビューとして保存' }).click();
    await page.goto(`${t.baseUrl}/desk`);
    await page.getByTestId('saved-views').getByRole('link', { name: '解決済みの確認' }).click();
    expect(await page.getByTestId('desk-count').textContent()).toBe('1 件');
    expect(await page.locator('#filter-status').inputValue()).toBe('solved');
    const otherDesk = await signedInPage(browser, t.baseUrl, other.email, FACTORY_PASSWORD);
    await otherDesk.goto(`${t.baseUrl}/desk`);
    expect(await otherDesk.getByTestId('saved-views').textContent()).not.toContain('解決済みの確認');
    await page.getByRole('button', { name: '削除: 解決済みの確認' }).click();
    expect(await page.getByTestId('saved-views').textContent()).toContain('保存したビューはまだありません。');

    await page.locator('#filter-status').selectOption('');
    await page.locator('#filter-sort').selectOption({ label: '新しい受付順' });
    await page.getByRole('button', { name: '検索' }).click();
    expect(await rows.first().textContent()).toContain('一覧の確認 53');
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/desk-lists.png`, fullPage: false });
  });
});
