import type { Browser } from 'playwright-core';

import { Factories, FACTORY_PASSWORD } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/** What the page's focus is, read in the browser. */
type Focused = { document: { activeElement: { id: string; textContent: string | null } | null } };

describeWithBrowser('the ticket page’s side panel and the desk’s keyboard shortcuts in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' });
    browser = await launchBrowser();
    factories = await Factories.for(t);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the requester’s other tickets, both SLA clocks, the call and the history of changes', async () => {
    const org = await factories.organization('さくら商事');
    const hanako = await factories.customer(org.id, { name: '山田 花子' });
    const agent = await factories.staff('agent', { name: '鈴木 一郎' });
    const earlier = await factories.ticket(hanako, { subject: '先月の請求書', category: 'billing' });
    const ticket = await factories.ticket(hanako, { subject: 'ログインできません', category: 'technical' });
    await agent.api.patch(`/api/v1/tickets/${ticket.id}`, { status: 'open', priority: 'high' });
    const call = await agent.api.post('/api/v1/telephony/calls', {
      direction: 'inbound',
      callerNumber: '0312345678',
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      durationSeconds: 180,
      summary: 'ログインの件で電話',
      ticketId: ticket.id,
    });
    expect(call.status).toBe(201);

    const page = await signedInPage(browser, t.baseUrl, agent.email, FACTORY_PASSWORD);
    await page.goto(`${t.baseUrl}/desk/tickets/${ticket.id}`);
    const panel = page.getByTestId('ticket-panel');
    expect(await panel.textContent()).toContain('さくら商事');
    expect(await panel.textContent()).toContain('技術的なお問い合わせ');
    expect(await panel.getByTestId('other-tickets').textContent()).toContain(earlier.number);
    expect(await panel.getByTestId('other-tickets').textContent()).not.toContain(ticket.number);
    expect(await panel.getByTestId('clock-firstResponse').textContent()).toMatch(/初回応答: (進行中|期限超過)/);
    expect(await panel.getByTestId('clock-resolution').textContent()).toContain('解決');
    await panel.getByTestId('ticket-calls').getByRole('link').click();
    await page.waitForURL(`${t.baseUrl}/phone/calls/${call.json.id}`);
    await page.goBack();
    const history = await page.getByTestId('ticket-history').textContent();
    expect(history).toContain('変更 — 鈴木 一郎');
    expect(history).toContain('状態: 新規 → 対応中');
    expect(history).toContain('優先度: 通常 → 高');
    expect(history).toContain('受付');
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/ticket-panel.png`, fullPage: true });
  });

  it('moves through the queue with j / k, opens with o, and on the ticket r / n / a / ? do what the help says', async () => {
    const agent = await factories.staff('agent', { name: '高橋 結衣' });
    const first = await factories.ticket(null, { subject: 'ショートカット 1' });
    await factories.ticket(null, { subject: 'ショートカット 2' });
    const page = await signedInPage(browser, t.baseUrl, agent.email, FACTORY_PASSWORD);
    await page.goto(`${t.baseUrl}/desk?queue=open`);
    await page.keyboard.press('?');
    expect(await page.getByTestId('shortcut-help').isVisible()).toBe(true);
    expect(await page.getByTestId('shortcut-help').textContent()).toContain('次のチケット');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const selected = await page.evaluate(() => (globalThis as unknown as Focused).document.activeElement?.textContent);
    expect(selected).toMatch(/^MD-\d{4}-\d{6}$/);
    await page.keyboard.press('o');
    await page.waitForURL(/\/desk\/tickets\//);
    expect(await page.locator('h1').textContent()).toContain(selected!);

    await page.goto(`${t.baseUrl}/desk/tickets/${first.id}`);
    await page.keyboard.press('r');
    expect(await page.evaluate(() => (globalThis as unknown as Focused).document.activeElement?.id)).toBe('reply-body');
    // Typed letters stay in the box: shortcuts wait while a field has focus.
    await page.keyboard.type('a');
    expect(await page.locator('#reply-body').inputValue()).toBe('a');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    expect(await page.evaluate(() => (globalThis as unknown as Focused).document.activeElement?.id)).toBe('note-body');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('a');
    await page.getByTestId('assignee').getByText('高橋 結衣').waitFor();
  });

  it('a call’s page tells how often its number called this week and whose tickets carry it', async () => {
    const agent = await factories.staff('agent');
    const caller = await t.api.post('/api/v1/inquiries', {
      name: '電話 太郎',
      email: 'denwa@example.jp',
      phone: '+81 3-5555-0101',
      subject: '請求書の宛名',
      body: '電話でも問い合わせます。',
      consent: true,
    });
    const log = () =>
      agent.api.post('/api/v1/telephony/calls', {
        direction: 'inbound',
        callerNumber: '03-5555-0101',
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        durationSeconds: 60,
        summary: '宛名の件',
      });
    await log();
    const second = (await log()).json;
    const page = await signedInPage(browser, t.baseUrl, agent.email, FACTORY_PASSWORD);
    await page.goto(`${t.baseUrl}/phone/calls/${second.id}`);
    const history = page.getByTestId('caller-history');
    expect(await history.textContent()).toContain('過去 7 日間に 2 回の着信があります');
    expect(await history.textContent()).toContain(caller.json.number);
    expect(await history.textContent()).toContain('電話 太郎');
  });
});
