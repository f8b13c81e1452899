import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';

import { Factories, FACTORY_PASSWORD, type Person } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/** A caller who gives a name and a number but no e-mail address. */
describe('a ticket from a call without an e-mail address', () => {
  let t: TestApp;
  let agent: Person;

  beforeAll(async () => {
    t = await startTestApp();
    agent = await (await Factories.for(t)).staff('agent', { name: '鈴木 一郎' });
  });

  afterAll(() => t?.close());

  const loggedCall = async (summary: string) => {
    const logged = await agent.api.post('/api/v1/telephony/calls', {
      direction: 'inbound',
      callerNumber: '090-1234-5678',
      startedAt: new Date(Date.now() - 600_000).toISOString(),
      durationSeconds: 240,
      summary,
    });
    expect(logged.status).toBe(201);
    return logged.json.id as string;
  };

  const repliesMailed = async (ticketId: string) =>
    Number(
      (
        await t.app
          .get(DataSource)
          .query(
            `SELECT count(*)::int AS n FROM mail_outbox WHERE dedup_key IN (SELECT 'ticket-message.' || id FROM ticket_message WHERE ticket_id = $1)`,
            [ticketId],
          )
      )[0].n,
    );

  it('opens the ticket, keeps the reply on record without e-mailing anyone, and finds it by the number', async () => {
    const callId = await loggedCall('パスワードを忘れた。メールは使っていない。');
    const created = await agent.api.post(`/api/v1/telephony/calls/${callId}/ticket`, {
      name: '田中 一郎',
      subject: '電話: パスワードの再設定',
    });
    expect(created.status).toBe(201);
    const ticket = (await agent.api.get(`/api/v1/tickets/${created.json.ticketId}`)).json;
    expect(ticket).toMatchObject({
      channel: 'phone',
      requester: { name: '田中 一郎', email: null, phone: '090-1234-5678' },
    });

    const reply = await agent.api.post(`/api/v1/tickets/${ticket.id}/messages`, {
      body: 'お電話で手順をご案内しました。',
    });
    expect(reply.status).toBe(201);
    expect(await repliesMailed(ticket.id)).toBe(0);
    const found = await agent.api.get(`/api/v1/tickets?q=${encodeURIComponent('09012345678')}`);
    expect(found.json.items.map((item: { id: string }) => item.id)).toContain(ticket.id);
    const byName = await agent.api.get(`/api/v1/tickets?q=${encodeURIComponent('田中 一郎')}`);
    expect(byName.json.items.map((item: { id: string }) => item.id)).toContain(ticket.id);

    const badAddress = await agent.api.post(`/api/v1/telephony/calls/${await loggedCall('再度')}/ticket`, {
      name: '田中 一郎',
      email: 'not an address',
      subject: '電話',
    });
    expect(badAddress.status).toBe(400);
    expect(badAddress.json.errors).toEqual([expect.objectContaining({ field: 'email' })]);
  });

  describeWithBrowser('in Chromium', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
    });

    afterAll(() => browser?.close());

    it('the call page makes the address optional; the ticket page says replies are not mailed and lists the caller’s other tickets by number', async () => {
      const earlier = await agent.api.post(`/api/v1/telephony/calls/${await loggedCall('先週の件')}/ticket`, {
        name: '田中 一郎',
        subject: '電話: 先週の件',
      });
      const callId = await loggedCall('請求書の宛名を変えたい');
      const page = await signedInPage(browser, t.baseUrl, agent.email, FACTORY_PASSWORD);
      await page.goto(`${t.baseUrl}/phone/calls/${callId}`);
      expect(await page.locator('#email').getAttribute('required')).toBeNull();
      expect(await page.locator('#email-hint').textContent()).toContain('任意');
      await page.locator('#name').fill('田中 一郎');
      await page.locator('#subject').fill('電話: 請求書の宛名');
      await page.getByRole('button', { name: 'チケットを作成' }).click();
      await page.waitForURL(/\/desk\/tickets\//);
      expect(await page.getByTestId('no-email').textContent()).toBe('メールアドレスなし');
      expect(await page.getByTestId('reply-not-mailed').textContent()).toContain('返信はメールで送られません');
      expect(await page.getByTestId('other-tickets').textContent()).toContain(earlier.json.number);
      if (process.env.SCREENSHOT_DIR)
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/phone-ticket-without-email.png`, fullPage: true });
    });
  });
});
