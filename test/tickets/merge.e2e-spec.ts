import type { Browser } from 'playwright-core';

import { Factories, FACTORY_PASSWORD, type Person } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describe('merging a duplicate ticket into another', () => {
  let t: TestApp;
  let factories: Factories;
  let agent: Person;
  let hanako: Person;
  let taro: Person;

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' });
    factories = await Factories.for(t);
    agent = await factories.staff('agent', { name: '鈴木 一郎' });
    const org = (await factories.organization('さくら商事')).id;
    hanako = await factories.customer(org, { name: '山田 花子' });
    taro = await factories.customer(org, { name: '山田 太郎' });
  });

  afterAll(() => t?.close());

  const thread = async (id: string) =>
    (await agent.api.get(`/api/v1/tickets/${id}`)).json as {
      status: string;
      mergedIntoId: string | null;
      requester: { name: string };
      messages: Array<{ body: string }>;
    };

  it('moves the thread into the kept ticket, closes the duplicate with a pointer, and sends later replies there', async () => {
    const kept = await factories.ticket(hanako, { subject: 'ログインできません', body: '朝からログインできません。' });
    const duplicate = await factories.ticket(taro, { subject: 'ログイン不可', body: '同じ件で太郎からも連絡します。' });
    await agent.api.post(`/api/v1/tickets/${duplicate.id}/messages`, { body: '確認します。' });

    const merged = await agent.api.post(`/api/v1/tickets/${duplicate.id}/merge`, { intoId: kept.id });
    expect(merged.status).toBe(200);
    expect(merged.json).toEqual({ id: kept.id, number: kept.number, mergedId: duplicate.id, movedMessages: 2 });

    const into = await thread(kept.id);
    expect(into.requester.name).toBe('山田 花子');
    expect(into.messages.map((message) => message.body)).toEqual([
      '朝からログインできません。',
      '同じ件で太郎からも連絡します。',
      '確認します。',
    ]);
    const closed = await thread(duplicate.id);
    expect(closed).toMatchObject({ status: 'closed', mergedIntoId: kept.id, messages: [] });

    // The duplicate's requester writes again on the old ticket: it lands on the kept one, no follow-up.
    const later = await taro.api.post(`/api/v1/tickets/${duplicate.id}/messages`, { body: 'まだ直りません。' });
    expect(later.json).toMatchObject({ ticketId: kept.id, followUpOf: null });
    expect((await thread(kept.id)).messages.at(-1)?.body).toBe('まだ直りません。');
  });

  it('refuses, each with its code: itself, twice, across organizations, and customers', async () => {
    const a = await factories.ticket(hanako);
    const b = await factories.ticket(hanako);
    const merge = (from: string, into: string) => agent.api.post(`/api/v1/tickets/${from}/merge`, { intoId: into });
    expect((await merge(a.id, a.id)).json.code).toBe('ticket.merge-same');
    const elsewhere = await factories.ticket(await factories.customer((await factories.organization()).id));
    const across = await merge(a.id, elsewhere.id);
    expect(across.status).toBe(422);
    expect(across.json.code).toBe('ticket.merge-other-organization');
    expect((await merge(a.id, b.id)).status).toBe(200);
    expect((await merge(a.id, b.id)).json.code).toBe('ticket.merge-merged');
    expect((await hanako.api.post(`/api/v1/tickets/${b.id}/merge`, { intoId: a.id })).status).toBe(403);
  });

  describeWithBrowser('from the ticket page', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
    });

    afterAll(() => browser?.close());

    it('names the other ticket by number, asks first, then shows the kept ticket; the duplicate points there', async () => {
      const kept = await factories.ticket(hanako, { subject: '請求書の再発行' });
      const duplicate = await factories.ticket(hanako, { subject: '請求書', body: '二重に送ってしまいました。' });
      const page = await signedInPage(browser, t.baseUrl, agent.email, FACTORY_PASSWORD);
      await page.goto(`${t.baseUrl}/desk/tickets/${duplicate.id}`);
      await page.getByText('重複チケットとして統合').click();
      const form = page.getByTestId('merge-form');
      await form.locator('#into').fill('999999');
      await form.getByRole('button', { name: '統合する' }).click();
      expect(await page.locator('#into-error').textContent()).toContain('番号「999999」のチケットは見つかりません。');

      await page
        .getByTestId('merge-form')
        .locator('#into')
        .fill(String(Number(kept.number.slice(-6))));
      await page.getByTestId('merge-form').getByRole('button', { name: '統合する' }).click();
      const confirmation = page.getByTestId('confirmation');
      expect(await confirmation.textContent()).toContain(`${duplicate.number} を ${kept.number} に統合しますか？`);
      if (process.env.SCREENSHOT_DIR)
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/merge-confirmation.png` });
      await confirmation.getByRole('button', { name: '統合する' }).click();
      await page.waitForURL(`${t.baseUrl}/desk/tickets/${kept.id}`);
      expect(await page.getByTestId('thread').textContent()).toContain('二重に送ってしまいました。');

      await page.goto(`${t.baseUrl}/desk/tickets/${duplicate.id}`);
      expect(await page.getByTestId('merged-into').textContent()).toContain(kept.number);
      if (process.env.SCREENSHOT_DIR)
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/merged-duplicate.png` });
    });
  });
});
