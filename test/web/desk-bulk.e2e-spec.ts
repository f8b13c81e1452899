import type { Browser } from 'playwright-core';

import { Factories, FACTORY_PASSWORD } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describeWithBrowser('tags, bulk changes and the organization filter in Chromium', () => {
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

  it('a manager keeps the tag list; an agent tags, assigns and solves ticked tickets at once and filters by tag and organization', async () => {
    const factories = await Factories.for(t);
    const manager = await factories.staff('manager', { name: '高橋 美咲' });
    const agent = await factories.staff('agent', { name: '鈴木 一郎' });
    await factories.staff('agent', { name: '田中 花子' });
    const sakura = await factories.organization('さくら商事', 'SAKURA');
    const sakuraBank = await factories.organization('さくら銀行');
    const momiji = await factories.organization('もみじ物産');
    const sakuraTickets = [];
    for (let n = 1; n <= 3; n += 1)
      sakuraTickets.push(await factories.ticket(await factories.customer(sakura.id), { subject: `請求書の件 ${n}` }));
    const bankTicket = await factories.ticket(await factories.customer(sakuraBank.id), { subject: '口座振替の件' });
    await factories.ticket(await factories.customer(momiji.id), { subject: 'ログインの件' });

    const managerPage = await signedInPage(browser, t.baseUrl, manager.email, FACTORY_PASSWORD);
    await managerPage.goto(`${t.baseUrl}/desk`);
    await managerPage.getByRole('link', { name: 'タグ一覧' }).click();
    for (const name of ['請求', '要折り返し']) {
      await managerPage.getByLabel('タグ名').fill(name);
      await managerPage.getByRole('button', { name: 'タグを追加' }).click();
    }
    await managerPage.getByLabel('タグ名').fill('請求、返金');
    await managerPage.getByRole('button', { name: 'タグを追加' }).click();
    expect(await managerPage.locator('.field-error').textContent()).toContain('タグ名に「,」や「、」は使えません。');
    expect(await managerPage.getByTestId('tags').textContent()).toContain('要折り返し');
    if (process.env.SCREENSHOT_DIR)
      await managerPage.screenshot({ path: `${process.env.SCREENSHOT_DIR}/desk-tags.png`, fullPage: true });

    const page = await signedInPage(browser, t.baseUrl, agent.email, FACTORY_PASSWORD);
    await page.goto(`${t.baseUrl}/desk?queue=open&sort=created`);
    expect(await page.getByRole('link', { name: 'タグ一覧' }).count()).toBe(0);
    const row = (subject: string) => page.getByTestId('desk-queue').locator('tbody tr', { hasText: subject });
    await row('請求書の件 1').getByRole('checkbox').check();
    await row('請求書の件 2').getByRole('checkbox').check();
    expect(await page.getByTestId('bulk-selected').textContent()).toBe('（2 件選択中）');
    await page.locator('#bulk-assign').selectOption({ label: '田中 花子' });
    await page.locator('#bulk-tag').selectOption('請求');
    await page.getByRole('button', { name: '選択したチケットに適用' }).click();
    expect(await page.getByTestId('bulk-outcome').textContent()).toContain('2 件のチケットを変更しました。');
    expect(await row('請求書の件 1').textContent()).toContain('田中 花子');
    expect(await row('請求書の件 1').locator('.tag').textContent()).toBe('請求');
    expect(await row('請求書の件 3').locator('.tag').count()).toBe(0);

    // Solving a new ticket is fine; one the agent closed meanwhile is named with why it could not change.
    await agent.api.patch(`/api/v1/tickets/${sakuraTickets[2]!.id}`, { status: 'solved' });
    // A search lists closed and solved tickets too.
    await page.goto(`${t.baseUrl}/desk?queue=open&sort=created&q=${encodeURIComponent('の件')}`);
    await row('請求書の件 3').getByRole('checkbox').check();
    await agent.api.patch(`/api/v1/tickets/${sakuraTickets[2]!.id}`, { status: 'closed' });
    await row('口座振替の件').getByRole('checkbox').check();
    await page.locator('#bulk-status').selectOption({ label: 'お客様の返答待ち' });
    await page.getByRole('button', { name: '選択したチケットに適用' }).click();
    const outcome = page.getByTestId('bulk-outcome');
    expect(await outcome.textContent()).toContain('1 件のチケットを変更しました。');
    expect(await outcome.textContent()).toContain(
      `${sakuraTickets[2]!.number}: 「完了」のチケットを「お客様の返答待ち」にはできません。`,
    );
    // The outcome is said once: the next page of the list does not carry it.
    expect(page.url()).toContain('bulkUpdated=1');
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/desk-bulk.png`, fullPage: true });

    await page.goto(`${t.baseUrl}/desk?queue=open`);
    await page.locator('#filter-tag').selectOption('請求');
    await page.getByRole('button', { name: '検索' }).click();
    expect(await page.getByTestId('desk-count').textContent()).toBe('2 件');

    // Part of a name stands for every organization it matches; a candidate's link narrows to one.
    await page.locator('#filter-tag').selectOption('');
    await page.locator('#filter-organization').fill('さくら');
    await page.getByRole('button', { name: '検索' }).click();
    expect(await page.getByTestId('organization-matches').textContent()).toContain('2 件の組織で絞り込んでいます。');
    expect(await page.getByTestId('desk-count').textContent()).toBe('3 件');
    await page.getByTestId('organization-matches').getByRole('link', { name: 'さくら銀行' }).click();
    expect(await page.getByTestId('desk-count').textContent()).toBe('1 件');
    expect(await page.locator('#filter-organization').inputValue()).toBe('さくら銀行');
    expect(await page.getByTestId('desk-queue').textContent()).toContain(bankTicket.number);
    await page.locator('#filter-organization').fill('sakura');
    await page.getByRole('button', { name: '検索' }).click();
    expect(await page.getByTestId('desk-count').textContent()).toBe('2 件');
    await page.locator('#filter-organization').fill('存在しない組織');
    await page.getByRole('button', { name: '検索' }).click();
    expect(await page.getByTestId('organization-matches').textContent()).toContain(
      '「存在しない組織」に当てはまる組織はありません。',
    );
    expect(await page.getByTestId('desk-count').textContent()).toBe('0 件');

    // On the ticket page: the tags, changed by ticking, and the change in its history.
    await page.goto(`${t.baseUrl}/desk/tickets/${sakuraTickets[0]!.id}`);
    expect(await page.getByTestId('ticket-tags').textContent()).toContain('請求');
    await page.getByText('タグを変更').click();
    await page.getByTestId('tags-form').getByLabel('要折り返し').check();
    await page.getByTestId('tags-form').getByLabel('請求').uncheck();
    await page.getByRole('button', { name: 'タグを保存' }).click();
    expect((await page.getByTestId('ticket-tags').textContent())?.trim()).toBe('要折り返し');
    expect(await page.getByTestId('ticket-history').textContent()).toContain('タグ: 請求 → 要折り返し');
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/ticket-tags.png`, fullPage: true });
  });
});
