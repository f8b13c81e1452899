import type { Browser } from 'playwright-core';

import { Factories, FACTORY_PASSWORD, type Person } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describeWithBrowser('live desk in Chromium: a customer’s reply reaches open desks without a reload', () => {
  let t: TestApp;
  let browser: Browser;
  let factories: Factories;
  let customer: Person;
  let owner: Person;
  let colleague: Person;

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' });
    browser = await launchBrowser();
    factories = await Factories.for(t);
    const org = await factories.organization('さくら商事');
    customer = await factories.customer(org.id, { email: 'hanako@sakura.example', name: '山田 花子' });
    owner = await factories.staff('agent', { name: '田中 一郎' });
    colleague = await factories.staff('agent', { name: '鈴木 次郎' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const writeIn = (subject: string) => factories.ticket(customer, { subject, category: 'technical' });

  it('the second agent’s queue offers 「1 件の新着」 and the owner’s unread count rises, both without a reload', async () => {
    const { id } = await writeIn('ログインできません');
    await owner.api.patch(`/api/v1/tickets/${id}`, { assigneeId: owner.id });

    const colleagueDesk = await signedInPage(browser, t.baseUrl, colleague.email, FACTORY_PASSWORD);
    await colleagueDesk.goto(`${t.baseUrl}/desk?queue=open`);
    const ownerDesk = await signedInPage(browser, t.baseUrl, owner.email, FACTORY_PASSWORD);
    await ownerDesk.goto(`${t.baseUrl}/desk?queue=mine`);
    const unreadBefore = (await owner.api.get('/api/v1/notifications')).json.unread as number;
    // Nothing changed yet: no banner.
    expect(await colleagueDesk.getByTestId('live-count').isVisible()).toBe(false);
    const loadedAt = await colleagueDesk.evaluate(() => performance.timeOrigin);

    // The customer replies from the portal, in a browser context of their own.
    const portal = await signedInPage(browser, t.baseUrl, customer.email, FACTORY_PASSWORD);
    await portal.goto(`${t.baseUrl}/portal/tickets/${id}`);
    await portal.getByLabel('返信する').fill('まだログインできません。画面は真っ白です。');
    await portal.getByRole('button', { name: '返信する' }).click();

    await colleagueDesk.getByText('1 件の新着').waitFor({ timeout: 5_000 });
    // The page itself did not move: the same document, the row still as it was loaded.
    expect(await colleagueDesk.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    if (process.env.SCREENSHOT_DIR)
      await colleagueDesk.screenshot({ path: `${process.env.SCREENSHOT_DIR}/desk-live-news.png`, fullPage: true });
    await ownerDesk
      .getByTestId('unread-badge')
      .getByText(`未読 ${unreadBefore + 1} 件`)
      .waitFor({ timeout: 5_000 });

    // Choosing to look reloads the queue with the ticket's new state.
    await colleagueDesk.getByTestId('live-show').click();
    await colleagueDesk.waitForLoadState('load');
    expect(await colleagueDesk.getByTestId('live-count').isVisible()).toBe(false);
    expect(await colleagueDesk.getByTestId('desk-queue').textContent()).toContain('ログインできません');
  });

  it('a new ticket counts on a colleague’s queue; the ticket page says it changed and keeps the draft on reload', async () => {
    const { id } = await writeIn('請求書の再発行');
    const desk = await signedInPage(browser, t.baseUrl, colleague.email, FACTORY_PASSWORD);
    await desk.goto(`${t.baseUrl}/desk?queue=unassigned`);
    const ticketPage = await signedInPage(browser, t.baseUrl, owner.email, FACTORY_PASSWORD);
    await ticketPage.goto(`${t.baseUrl}/desk/tickets/${id}`);
    await ticketPage.locator('#reply-body').fill('ご連絡ありがとうございます。確認中です');

    await writeIn('パスワードの変更');
    await writeIn('CSV の出力');
    await desk.getByText('2 件の新着').waitFor({ timeout: 5_000 });
    expect(await ticketPage.getByTestId('live-count').isVisible()).toBe(false);

    await customer.api.post(`/api/v1/tickets/${id}/messages`, { body: '宛名は「さくら商事 経理部」でお願いします。' });
    await ticketPage.getByText('このチケットに新しい動きがあります').waitFor({ timeout: 5_000 });
    if (process.env.SCREENSHOT_DIR)
      await ticketPage.screenshot({ path: `${process.env.SCREENSHOT_DIR}/ticket-live-news.png`, fullPage: true });
    await ticketPage.getByTestId('live-show').click();
    await ticketPage.getByTestId('thread').getByText('さくら商事 経理部').waitFor();
    expect(await ticketPage.locator('#reply-body').inputValue()).toBe('ご連絡ありがとうございます。確認中です');
  });
});
