import type { Browser } from 'playwright-core';

import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const at = (iso: string) => Date.parse(iso);

/**
 * The acceptance scenario, on a clock the test sets: a customer writes in at 3 a.m. on a
 * Sunday and is promised an answer by Monday 14:00 (4 business hours: 9–12 and 13–14); an agent
 * answers from the desk on Monday morning; the customer reads it in the portal.
 */
describeWithBrowser('3 a.m. Sunday inquiry answered on Monday morning (Chromium, controlled clock)', () => {
  const clock = new SettableClock(at('2026-11-29T03:00:00+09:00'));
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const factories = await Factories.for(t);
    const org = await factories.organization('株式会社さくら商事');
    await factories.staff('agent', {
      email: 'agent@madoguchi.test',
      password: 'agent passphrase 2026',
      name: '鈴木 一郎',
    });
    await factories.customer(org.id, {
      email: 'yamada@sakura.example.jp',
      password: 'customer passphrase 2026',
      name: '山田 花子',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signedIn = (email: string, password: string) => signedInPage(browser, t.baseUrl, email, password);

  it('keeps the promise made on Sunday night', async () => {
    const customer = await signedIn('yamada@sakura.example.jp', 'customer passphrase 2026');
    await customer.goto(`${t.baseUrl}/inquiry`);
    expect(await customer.getByTestId('support-hours-status').textContent()).toContain(
      'ただいま受付時間外です。次の受付開始: 11月30日(月) 09:00',
    );
    await customer.getByLabel('件名').fill('請求書が届きません');
    await customer.getByLabel('お問い合わせ内容').fill('今月分の請求書が届いていません。');
    await customer.getByLabel('プライバシーポリシーに同意します').check();
    await customer.getByRole('button', { name: '送信する' }).click();
    const number = /MD-\d{4}-\d{6}/.exec((await customer.getByTestId('ticket-number').textContent()) ?? '')![0];
    expect(await customer.locator('main').textContent()).toContain(
      '11月30日(月) 14:00 までに担当者よりご連絡いたします。',
    );

    clock.set(at('2026-11-30T10:30:00+09:00'));
    const agent = await signedIn('agent@madoguchi.test', 'agent passphrase 2026');
    await agent.getByRole('link', { name: 'デスク' }).click();
    // Monday 10:30, due 14:00: 1 h 30 min of the morning and 1 h after lunch are left.
    expect(
      await agent
        .getByRole('row', { name: new RegExp(number) })
        .getByTestId('sla-remaining')
        .textContent(),
    ).toBe('残り 2時間30分（営業時間）');
    await agent.getByRole('link', { name: number }).click();
    await agent.getByLabel('返信する').fill('ご連絡ありがとうございます。本日中に再送いたします。');
    await agent.getByRole('button', { name: '返信する' }).click();
    await agent.context().close();

    const agentApi = t.api.as(await t.api.login('agent@madoguchi.test', 'agent passphrase 2026'));
    const [ticket] = (await agentApi.get(`/api/v1/tickets?q=${encodeURIComponent('請求書が届きません')}`)).json.items;
    expect(ticket.firstRespondedAt).toBe('2026-11-30T10:30:00+09:00');
    expect(ticket.firstResponseDueAt).toBe('2026-11-30T14:00:00+09:00');

    await customer.getByRole('link', { name: 'マイチケット' }).click();
    await customer.getByRole('link', { name: number }).click();
    expect(await customer.getByTestId('thread').textContent()).toContain('本日中に再送いたします。');
    await customer.context().close();
  });
});
