import type { Browser } from 'playwright-core';

import { Factories } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { deliveredMail, recipientsOf } from '../support/mail-folder';
import { startTestApp, TestApp } from '../support/test-app';

const AGENT = { email: 'agent@madoguchi.test', password: 'agent passphrase 2026' };
const CUSTOMER = { email: 'yamada@sakura.example.jp', password: 'customer passphrase 2026', name: '山田 花子' };

describeWithBrowser('inquiry → desk → portal in Chromium', () => {
  let t: TestApp;
  let make: Factories;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    make = await Factories.for(t);
    const sakura = await make.organization('株式会社さくら商事');
    await make.staff('agent', { ...AGENT, name: '鈴木 一郎' });
    await make.customer(sakura.id, CUSTOMER);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signedIn = (email: string, password: string) => signedInPage(browser, t.baseUrl, email, password);

  it('an anonymous visitor gets field messages, then a ticket number and the promised answer time', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${t.baseUrl}/inquiry`);
    await page.getByRole('button', { name: '送信する' }).click();
    // One message per field, in Japanese.
    expect(await page.locator('#name-error').textContent()).toBe('入力してください。');
    expect(await page.locator('#email-error').textContent()).toBe('入力してください。');
    expect(await page.locator('#consent-error').textContent()).toBe('同意が必要です。');
    await page.getByLabel('メールアドレス').fill('sato@');
    await page.getByRole('button', { name: '送信する' }).click();
    expect(await page.locator('#email-error').textContent()).toContain('メールアドレスの形式で入力してください');

    await page.getByLabel('お名前').fill('佐藤 次郎');
    await page.getByLabel('メールアドレス').fill('sato@example.jp');
    await page.getByLabel('件名').fill('<script>alert(1)</script> 請求書');
    await page.getByLabel('お問い合わせ内容').fill('請求書の宛名を変更したい。');
    await page.getByLabel('プライバシーポリシーに同意します').check();
    await page.getByRole('button', { name: '送信する' }).click();
    const number = await page.getByTestId('ticket-number').textContent();
    expect(number).toMatch(/受付番号: MD-\d{4}-\d{6}/);
    expect(await page.locator('main').textContent()).toMatch(
      /\d+月\d+日\(.\) \d{2}:\d{2} までに担当者よりご連絡いたします。/,
    );
    await page.context().close();
  });

  it('a customer writes in, an agent answers from the desk, and the customer reads it in the portal', async () => {
    const customer = await signedIn(CUSTOMER.email, CUSTOMER.password);
    await customer
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: 'お問い合わせ' })
      .click();
    expect(await customer.getByLabel('お名前').inputValue()).toBe(CUSTOMER.name);
    await customer.getByLabel('件名').fill('ログインできません');
    await customer.getByLabel('お問い合わせ内容').fill('本日朝からログインできません。');
    await customer.getByLabel('プライバシーポリシーに同意します').check();
    await customer.getByRole('button', { name: '送信する' }).click();
    const number = /MD-\d{4}-\d{6}/.exec((await customer.getByTestId('ticket-number').textContent()) ?? '')![0];

    const agent = await signedIn(AGENT.email, AGENT.password);
    // The agent keeps a canned reply of their own, with placeholders; a misspelt one is refused.
    await agent.goto(`${t.baseUrl}/desk/canned-replies`);
    const cannedForm = agent.getByTestId('canned-reply-form');
    await cannedForm.locator('#title').fill('パスワード再設定');
    await cannedForm.locator('#body').fill('{{requester.nmae}} 様');
    await cannedForm.getByRole('button', { name: '追加' }).click();
    expect(await agent.locator('#body-error').textContent()).toContain(
      '使えない差し込み項目があります: {{requester.nmae}}',
    );
    await cannedForm
      .locator('#body')
      .fill('{{requester.name}} 様、パスワードを再設定してください（{{ticket.number}}）。担当: {{agent.name}}');
    await cannedForm.getByRole('button', { name: '追加' }).click();
    expect(await agent.getByTestId('canned-replies').textContent()).toContain('自分用');
    if (process.env.SCREENSHOT_DIR)
      await agent.screenshot({ path: `${process.env.SCREENSHOT_DIR}/canned-replies.png`, fullPage: true });
    await agent.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'デスク' }).click();
    await agent.getByLabel('種別').selectOption({ label: 'ご請求' });
    await agent.getByRole('button', { name: '検索' }).click();
    expect(await agent.getByRole('link', { name: number }).count()).toBe(0);
    await agent.getByLabel('種別').selectOption({ label: '一般' });
    await agent.getByRole('button', { name: '検索' }).click();
    expect(await agent.getByRole('link', { name: number }).count()).toBe(1);
    // A caller reads out the number: its sequence alone lists the ticket, the full number opens it.
    const search = agent.getByLabel('番号・件名・依頼者・電話番号・本文で検索');
    await search.fill(String(Number(number.slice(-6))));
    await agent.getByRole('button', { name: '検索' }).click();
    expect(await agent.getByRole('link', { name: number }).count()).toBe(1);
    await search.fill(number);
    await agent.getByRole('button', { name: '検索' }).click();
    await agent.waitForURL(/\/desk\/tickets\/[0-9a-f-]{36}$/);
    await agent.getByLabel('社内メモを追加').fill('社内メモ: 認証ログを確認');
    await agent.getByRole('button', { name: '社内メモを追加' }).click();
    // The canned reply goes in at the cursor, between the greeting and the signature already typed.
    const reply = agent.getByLabel('返信する');
    await reply.fill('お世話になっております。\n\nサポート窓口');
    await reply.evaluate((box) =>
      (box as unknown as { setSelectionRange(from: number, to: number): void }).setSelectionRange(13, 13),
    );
    await agent.getByLabel('定型文を挿入').selectOption({ label: 'パスワード再設定' });
    expect(await reply.inputValue()).toBe(
      `お世話になっております。\n山田 花子 様、パスワードを再設定してください（${number}）。担当: 鈴木 一郎\nサポート窓口`,
    );
    // Sent "as" waiting on the customer: the reply and the status change are one step.
    await agent.getByRole('button', { name: '返信して「お客様の返答待ち」にする' }).click();
    await expect(agent.getByTestId('thread').textContent()).resolves.toContain('パスワードを再設定してください（');
    expect(await agent.locator('main .badge').first().textContent()).toBe('お客様の返答待ち');
    await agent.context().close();

    await customer.getByRole('link', { name: 'マイチケット' }).click();
    await customer.getByRole('link', { name: number }).click();
    const thread = (await customer.getByTestId('thread').textContent()) ?? '';
    expect(thread).toContain(`山田 花子 様、パスワードを再設定してください（${number}）`);
    expect(thread).not.toContain('社内メモ');
    await customer.context().close();

    const replies = (await deliveredMail(t.app, t.config.DATA_DIR)).filter(
      (m) => m.subject === `[${number}] Re: ログインできません`,
    );
    expect(replies.map(recipientsOf)).toEqual([[CUSTOMER.email]]);
  });

  it('tells an agent when someone else is writing a reply on the same ticket', async () => {
    await make.staff('agent', { email: 'agent2@madoguchi.test', password: AGENT.password, name: '高橋 結衣' });
    const ticket = await make.ticket(null, { subject: '同時対応' });
    const first = await signedIn(AGENT.email, AGENT.password);
    const second = await signedIn('agent2@madoguchi.test', AGENT.password);
    await first.goto(`${t.baseUrl}/desk/tickets/${ticket.id}`);
    await second.goto(`${t.baseUrl}/desk/tickets/${ticket.id}`);
    expect(await second.locator('#replying-notice').isHidden()).toBe(true);
    await first.getByLabel('返信する').fill('確認します');
    await second.locator('#replying-notice').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await second.locator('#replying-notice').textContent()).toBe('鈴木 一郎 さんが返信を書いています');
    expect(await first.locator('#replying-notice').isHidden()).toBe(true);
    await first.context().close();
    await second.context().close();
  });
});
