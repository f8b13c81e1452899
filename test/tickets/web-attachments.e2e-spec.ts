import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';

import { Factories, FACTORY_PASSWORD, type Person } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { deliveredMail } from '../support/mail-folder';
import { startTestApp, type TestApp } from '../support/test-app';

/** A real 1×1 PNG, and a Windows program under an innocent name. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PROGRAM = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);

const inquiryForm = (subject: string, files: Array<[name: string, content: Buffer, field?: string]>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    name: '山田 花子',
    email: 'hanako@sakura.example',
    category: 'technical',
    subject,
    body: '画面のスクリーンショットを添付します。',
    consent: 'true',
  }))
    form.append(name, value);
  for (const [name, content, field] of files) form.append(field ?? 'files', new Blob([content]), name);
  return form;
};

describe('attachments from the web: multipart inquiries and replies, typed by content', () => {
  let t: TestApp;
  let factories: Factories;
  let agent: Person;
  let customer: Person;

  const ticketCount = async () => Number((await agent.api.get('/api/v1/tickets?limit=100')).json.items.length);

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' });
    factories = await Factories.for(t);
    agent = await factories.staff('agent');
    customer = await factories.customer((await factories.organization('さくら商事')).id, { name: '山田 花子' });
  });

  afterAll(() => t?.close());

  it('stores the files of a multipart inquiry with the ticket, typed by their bytes, and serves them back', async () => {
    const answer = await t.api.multipart(
      '/api/v1/inquiries',
      inquiryForm('画面が真っ白です', [
        ['画面.png', PNG],
        // Text under an image's name is text: the name does not decide.
        ['ログ.png', Buffer.from('2026-12-03 10:00:01 ERROR 認証に失敗しました\n')],
        ['一覧.csv', Buffer.from('番号,件名\n1,テスト\n')],
      ]),
    );
    expect(answer.status).toBe(201);
    expect(answer.json.attachments).toEqual([
      { id: expect.any(String), filename: '画面.png', contentType: 'image/png', size: PNG.length },
      { id: expect.any(String), filename: 'ログ.png', contentType: 'text/plain', size: expect.any(Number) },
      { id: expect.any(String), filename: '一覧.csv', contentType: 'text/csv', size: expect.any(Number) },
    ]);
    const thread = (await agent.api.get(`/api/v1/tickets/${answer.json.id}`)).json;
    const ids = (files: Array<{ id: string }>) => files.map((file) => file.id).sort();
    expect(ids(thread.messages[0].attachments)).toEqual(ids(answer.json.attachments));
    const download = await fetch(
      `${t.baseUrl}/api/v1/tickets/${answer.json.id}/attachments/${answer.json.attachments[0].id}`,
      {
        headers: { authorization: `Bearer ${agent.token}` },
      },
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses the whole request, file by file in the reader’s language, and writes nothing', async () => {
    const before = await ticketCount();
    const refused = await t.api.multipart(
      '/api/v1/inquiries',
      inquiryForm('添付の確認', [
        ['請求書.pdf', PROGRAM],
        ['空.txt', Buffer.alloc(0)],
        ['画面.png', PNG],
        ['大きい.png', Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)])],
        ['別の欄.png', PNG, 'screenshot'],
      ]),
      { 'accept-language': 'ja' },
    );
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([
      { field: 'files', messages: [expect.stringContaining('「請求書.pdf」は添付できない種類のファイルです')] },
      { field: 'files', messages: ['「空.txt」は空のファイルです。'] },
      { field: 'files', messages: [expect.stringContaining('「大きい.png」は 10 MB を超えています')] },
      { field: 'files', messages: [expect.stringContaining('「files」欄で送ってください（「別の欄.png」）')] },
    ]);
    const tooMany = await t.api.multipart(
      '/api/v1/inquiries',
      inquiryForm(
        '多すぎる添付',
        Array.from({ length: 21 }, (_, n): [string, Buffer] => [`画面${n}.png`, PNG]),
      ),
      { 'accept-language': 'en' },
    );
    expect(tooMany.json.errors).toEqual([{ field: 'files', messages: ['at most 20 files can be attached at once'] }]);
    expect(await ticketCount()).toBe(before);
  });

  it('a reply takes files too, and its answer lists them', async () => {
    const { id } = await factories.ticket(customer);
    const form = new FormData();
    form.append('body', '追加の画面です。');
    form.append('files', new Blob([PNG]), '追加.png');
    const answer = await customer.api.multipart(`/api/v1/tickets/${id}/messages`, form);
    expect(answer.status).toBe(201);
    expect(answer.json.attachments).toEqual([
      { id: expect.any(String), filename: '追加.png', contentType: 'image/png', size: PNG.length },
    ]);
    const note = new FormData();
    note.append('body', '社内メモ');
    note.append('internal', 'true');
    expect((await agent.api.multipart(`/api/v1/tickets/${id}/messages`, note)).json.internal).toBe(true);
  });

  it('an agent’s reply e-mail carries its files, read from the ticket when sent; files past 10 MB stay in the portal', async () => {
    const { id, number } = await factories.ticket(customer, { subject: '画面が崩れます' });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    const reply = new FormData();
    reply.append('body', '手順書と画面を添付します。');
    reply.append('files', new Blob([PNG]), '設定画面.png');
    reply.append('files', new Blob([pdf]), '手順書.pdf');
    reply.append('files', new Blob([pdf]), '手順書（詳細版）.pdf');
    expect((await agent.api.multipart(`/api/v1/tickets/${id}/messages`, reply)).status).toBe(201);

    // The outbox row names the files; it does not hold their bytes.
    const [row] = await t.app
      .get(DataSource)
      .query(
        `SELECT message FROM mail_outbox WHERE dedup_key LIKE 'ticket-message.%' AND message->>'subject' LIKE $1`,
        [`%${number}%`],
      );
    expect(row.message.storedAttachments).toHaveLength(2);
    expect(JSON.stringify(row.message).length).toBeLessThan(10_000);

    const mail = (await deliveredMail(t.app, t.config.DATA_DIR)).find((m) => m.subject?.includes(`[${number}] Re:`))!;
    expect(mail.attachments.map((file) => [file.filename, file.contentType, file.size])).toEqual([
      ['設定画面.png', 'image/png', PNG.length],
      ['手順書.pdf', 'application/pdf', pdf.length],
    ]);
    expect(mail.attachments[0]!.content.equals(PNG)).toBe(true);
    expect(mail.text).toContain('添付ファイル: 設定画面.png、手順書.pdf');
    expect(mail.text).toContain(
      '次のファイルはメールには大きすぎるため、上のリンクからご覧ください: 手順書（詳細版）.pdf',
    );
  });

  describeWithBrowser('in Chromium', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
    });

    afterAll(() => browser?.close());

    it('the inquiry form sends a screenshot; a portal reply with a program is refused under the field, the text kept', async () => {
      const visitor = await (await browser.newContext()).newPage();
      await visitor.goto(`${t.baseUrl}/inquiry`);
      await visitor.getByLabel('お名前').fill('佐藤 次郎');
      await visitor.getByLabel('メールアドレス').fill('jiro@example.jp');
      await visitor.getByLabel('件名').fill('エラー画面');
      await visitor.getByLabel('お問い合わせ内容').fill('添付のとおりです。');
      await visitor
        .getByLabel('添付ファイル')
        .setInputFiles({ name: 'エラー.png', mimeType: 'image/png', buffer: PNG });
      await visitor.getByLabel('プライバシーポリシーに同意します').check();
      await visitor.getByRole('button', { name: '送信する' }).click();
      expect(await visitor.getByTestId('received-files').textContent()).toContain('エラー.png');
      await visitor.context().close();

      const { id } = await factories.ticket(customer, { subject: '請求書の件' });
      const portal = await signedInPage(browser, t.baseUrl, customer.email, FACTORY_PASSWORD);
      await portal.goto(`${t.baseUrl}/portal/tickets/${id}`);
      await portal.getByLabel('返信する').fill('請求書を添付します。');
      await portal
        .getByLabel('添付ファイル')
        .setInputFiles({ name: '請求書.pdf', mimeType: 'application/pdf', buffer: PROGRAM });
      await portal.getByRole('button', { name: '返信する' }).click();
      expect(await portal.locator('#files-error').textContent()).toContain(
        '「請求書.pdf」は添付できない種類のファイルです',
      );
      expect(await portal.getByLabel('返信する').inputValue()).toBe('請求書を添付します。');
      if (process.env.SCREENSHOT_DIR)
        await portal.screenshot({ path: `${process.env.SCREENSHOT_DIR}/portal-refused-file.png`, fullPage: true });

      await portal.getByLabel('添付ファイル').setInputFiles({ name: '請求書.png', mimeType: 'image/png', buffer: PNG });
      await portal.getByRole('button', { name: '返信する' }).click();
      await portal.waitForURL(`${t.baseUrl}/portal/tickets/${id}`);
      expect(await portal.getByTestId('thread').getByRole('link', { name: '請求書.png' }).count()).toBe(1);
    });
  });
});
