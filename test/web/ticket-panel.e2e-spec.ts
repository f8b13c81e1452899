import type { Browser } from 'playwright-core';

import { Factories, FACTORY_PASSWORD } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describeWithBrowser('the ticket page’s side panel in Chromium', () => {
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

  it('shows the requester’s other tickets, both SLA clocks, the call and the history of changes', async () => {
    const factories = await Factories.for(t);
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
});
