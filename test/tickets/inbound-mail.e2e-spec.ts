import Encoding from 'encoding-japanese';
import MailComposer from 'nodemailer/lib/mail-composer';

import { ApiClient } from '../support/api-client';
import { deliveredMail, recipientsOf } from '../support/mail-folder';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'inbound-secret-0123456789abcdef';
/** The desk's own MX: the one server whose Authentication-Results header is believed. */
const MX = 'mx.madoguchi.test';
const CUSTOMER = 'yamada@sakura.example.jp';

interface Message {
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
  from?: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  headers?: Record<string, string>;
  /** The MX's verdict on the sender; by default DMARC passed for the From domain. Null: no header. */
  authenticationResults?: string | null;
}

function compose(message: Message): Promise<Buffer> {
  const from = message.from ?? `山田 花子 <${CUSTOMER}>`;
  const domain = /@([^>\s]+)/.exec(from)![1];
  const verdict =
    message.authenticationResults === undefined
      ? `${MX}; dmarc=pass header.from=${domain}`
      : message.authenticationResults;
  return new MailComposer({
    from,
    to: 'support@madoguchi.invalid',
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
    inReplyTo: message.inReplyTo,
    references: message.inReplyTo,
    headers: { ...(verdict ? { 'Authentication-Results': verdict } : {}), ...message.headers },
    attachments: message.attachments,
  })
    .compile()
    .build();
}

/** ISO-2022-JP bytes, as older Japanese mail clients send. */
function jis(text: string): Buffer {
  return Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'JIS', from: 'UNICODE' }));
}

describe('inbound e-mail: replies join their ticket, new mail opens one', () => {
  let t: TestApp;
  let agent: ApiClient;
  let host: string;

  beforeAll(async () => {
    t = await startTestApp({ INBOUND_MAIL_TOKEN: TOKEN, INBOUND_MAIL_TRUSTED_RELAYS: MX });
    agent = t.api.as(await t.api.login(ADMIN.email, ADMIN.password));
    host = new URL(t.config.PUBLIC_BASE_URL).hostname;
  });

  afterAll(async () => {
    await t?.close();
  });

  const deliver = (raw: Buffer, token = TOKEN) => t.api.as(token).upload('/api/v1/inbound-mail', raw, 'message/rfc822');

  async function mailTo(address: string) {
    return (await deliveredMail(t.app, t.config.DATA_DIR)).filter((mail) => recipientsOf(mail).includes(address));
  }

  it('refuses a wrong token and a body that is not a message', async () => {
    const raw = await compose({ subject: 'x', text: 'x', messageId: '<wrong-token@sakura.example.jp>' });
    expect((await deliver(raw, 'not-the-token-at-all-000000')).status).toBe(401);
    const notMail = await t.api.as(TOKEN).upload('/api/v1/inbound-mail', 'hello', 'text/plain');
    expect(notMail.status).toBe(400);
  });

  it('opens an email ticket with an acknowledgement, once however often the server delivers it', async () => {
    const raw = await compose({
      subject: 'ログインできません',
      text: '本日朝からログインできません。\nよろしくお願いします。',
      messageId: '<first@sakura.example.jp>',
    });
    const first = await deliver(raw);
    expect(first.status).toBe(201);
    expect(first.json).toEqual({
      outcome: 'created',
      ticketId: expect.any(String),
      number: expect.any(String),
      attachments: 0,
    });
    const again = await deliver(raw);
    expect(again.json).toEqual(first.json);

    const ticket = (await agent.get(`/api/v1/tickets/${first.json.ticketId}`)).json;
    expect(ticket).toMatchObject({ channel: 'email', subject: 'ログインできません', requester: { email: CUSTOMER } });
    expect(ticket.messages.map((m: { body: string }) => m.body)).toEqual([
      '本日朝からログインできません。\nよろしくお願いします。',
    ]);
    const acknowledgements = await mailTo(CUSTOMER);
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0]!.subject).toBe(`[${first.json.number}] お問い合わせを受け付けました`);
  });

  it('adds the requester’s reply to the ticket without the quoted text, and ignores automatic mail', async () => {
    const opened = await deliver(
      await compose({
        subject: '請求書について',
        text: '請求書の宛名を変更したいです。',
        messageId: '<q1@sakura.example.jp>',
      }),
    );
    const { ticketId, number } = opened.json as { ticketId: string; number: string };
    const reply = await deliver(
      await compose({
        subject: `Re: [${number}] お問い合わせを受け付けました`,
        text: '宛名は「株式会社さくら商事 経理部」でお願いします。\n\n2026年11月28日(土) 10:00 窓口 <support@madoguchi.invalid>:\n> お問い合わせを受け付けました',
        messageId: '<q1-reply@sakura.example.jp>',
        inReplyTo: `<ticket-ack.${ticketId}@${host}>`,
      }),
    );
    expect(reply.status).toBe(201);
    expect(reply.json).toEqual({ outcome: 'appended', ticketId, number, attachments: 0 });
    const thread = (await agent.get(`/api/v1/tickets/${ticketId}`)).json;
    const bodies = thread.messages.map((m: { body: string; authorKind: string }) => m.body);
    expect(thread.messages.map((m: { authorKind: string }) => m.authorKind)).toEqual(['requester', 'requester']);
    expect(bodies).toEqual(['請求書の宛名を変更したいです。', '宛名は「株式会社さくら商事 経理部」でお願いします。']);

    const outOfOffice = await deliver(
      await compose({
        subject: `Re: [${number}] 不在のお知らせ`,
        text: '12月1日まで不在です。',
        messageId: '<ooo@sakura.example.jp>',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    );
    expect(outOfOffice.status).toBe(200);
    expect(outOfOffice.json).toEqual({
      outcome: 'ignored',
      reason: 'automatic message (Auto-Submitted: auto-replied)',
    });
    expect((await agent.get(`/api/v1/tickets/${ticketId}`)).json.messages).toHaveLength(2);
  });

  it('does not let another sender add to a ticket by quoting its number: theirs is a new ticket', async () => {
    const opened = await deliver(
      await compose({
        subject: '解約について',
        text: '解約手続きを教えてください。',
        messageId: '<q2@sakura.example.jp>',
      }),
    );
    const other = await deliver(
      await compose({
        from: 'intruder@other.example',
        subject: `Re: [${opened.json.number}] Cancellation`,
        text: 'I want to see this ticket.',
        messageId: '<intruder@other.example>',
      }),
    );
    expect(other.json.outcome).toBe('created');
    expect(other.json.ticketId).not.toBe(opened.json.ticketId);
    const ticket = (await agent.get(`/api/v1/tickets/${other.json.ticketId}`)).json;
    expect(ticket).toMatchObject({ requester: { email: 'intruder@other.example', language: 'en' } });
  });

  it('a reply whose sender the MX did not verify opens a new ticket that names the old one', async () => {
    const opened = await deliver(
      await compose({ subject: '請求書の再発行', text: '再発行してください。', messageId: '<q3@sakura.example.jp>' }),
    );
    for (const [n, authenticationResults] of [
      [1, null],
      [2, `attacker.example; dmarc=pass header.from=sakura.example.jp`],
      [3, `${MX}; dmarc=fail header.from=sakura.example.jp`],
    ] as const) {
      const forged = await deliver(
        await compose({
          subject: `Re: [${opened.json.number}] 請求書の再発行`,
          text: `振込先を次の口座に変更してください。(${n})`,
          messageId: `<forged-${n}@attacker.example>`,
          inReplyTo: `<ticket-ack.${opened.json.ticketId}@${host}>`,
          authenticationResults,
        }),
      );
      expect(forged.json).toMatchObject({ outcome: 'created', unverifiedReplyTo: opened.json.number });
      const ticket = (await agent.get(`/api/v1/tickets/${forged.json.ticketId}`)).json;
      expect(ticket.subject).toBe(`請求書の再発行（${opened.json.number} への返信・送信者未確認）`);
    }
    const thread = (await agent.get(`/api/v1/tickets/${opened.json.ticketId}`)).json.messages;
    expect(thread).toHaveLength(1);
  });

  it('a Message-ID sent first by someone else does not make the real mail vanish', async () => {
    const squatter = await deliver(
      await compose({
        from: 'squatter@other.example',
        subject: 'placeholder',
        text: 'x',
        messageId: '<future-mail@sakura.example.jp>',
      }),
    );
    const real = await deliver(
      await compose({ subject: '契約更新', text: '契約を更新します。', messageId: '<future-mail@sakura.example.jp>' }),
    );
    expect(real.json.outcome).toBe('created');
    expect(real.json.ticketId).not.toBe(squatter.json.ticketId);
    expect((await agent.get(`/api/v1/tickets/${real.json.ticketId}`)).json.requester.email).toBe(CUSTOMER);
  });

  it('threads a reply to an agent’s answer; on a closed ticket it opens a follow-up', async () => {
    const opened = await deliver(
      await compose({ subject: 'CSV出力', text: 'CSVを出力する方法は？', messageId: '<q3@sakura.example.jp>' }),
    );
    const { ticketId, number } = opened.json as { ticketId: string; number: string };
    expect(
      (await agent.post(`/api/v1/tickets/${ticketId}/messages`, { body: '設定画面から出力できます。' })).status,
    ).toBe(201);
    const [answer] = (await mailTo(CUSTOMER)).filter((mail) => mail.text?.includes('設定画面から出力できます。'));
    expect(answer!.messageId).toMatch(new RegExp(`^<ticket-message\\.[0-9a-f-]+@${host}>$`));
    expect((await agent.patch(`/api/v1/tickets/${ticketId}`, { status: 'solved' })).status).toBe(200);
    expect((await agent.patch(`/api/v1/tickets/${ticketId}`, { status: 'closed' })).status).toBe(200);

    const reply = await deliver(
      await compose({
        subject: `Re: ${answer!.subject}`,
        text: '出力できました。別の質問ですが、PDFも出せますか？',
        messageId: '<q3-reply@sakura.example.jp>',
        inReplyTo: answer!.messageId,
      }),
    );
    expect(reply.status).toBe(201);
    expect(reply.json.outcome).toBe('appended');
    expect(reply.json.ticketId).not.toBe(ticketId);
    const followUp = (await agent.get(`/api/v1/tickets/${reply.json.ticketId}`)).json;
    expect(followUp).toMatchObject({ followUpOf: ticketId, channel: 'email', requester: { email: CUSTOMER } });
    expect(followUp.messages.map((m: { body: string }) => m.body)).toEqual([
      '出力できました。別の質問ですが、PDFも出せますか？',
    ]);
    expect(reply.json.number).not.toBe(number);
  });

  it('keeps attachments with their message, downloadable only by who may read the ticket, never run in the browser', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const page = Buffer.from('<script>alert(1)</script>');
    const withFiles = () =>
      compose({
        subject: '画面のエラー',
        text: 'スクリーンショットを添付します。',
        messageId: '<files@sakura.example.jp>',
        attachments: [
          { filename: 'エラー画面.png', content: png, contentType: 'image/png' },
          { filename: 'page.html', content: page, contentType: 'text/html' },
        ],
      });
    const opened = await deliver(await withFiles());
    expect(opened.json).toMatchObject({ outcome: 'created', attachments: 2 });
    const ticket = (await agent.get(`/api/v1/tickets/${opened.json.ticketId}`)).json;
    const files = ticket.messages[0].attachments as Array<{ id: string; filename: string; size: number }>;
    expect(files.map(({ filename, size }) => ({ filename, size }))).toEqual([
      { filename: 'page.html', size: page.length },
      { filename: 'エラー画面.png', size: png.length },
    ]);
    const image = files.find((file) => file.filename === 'エラー画面.png')!;
    const download = await fetch(`${t.baseUrl}/api/v1/tickets/${opened.json.ticketId}/attachments/${image.id}`, {
      headers: { authorization: `Bearer ${await t.api.login(ADMIN.email, ADMIN.password)}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('エラー画面.png')}`,
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(png);
    const html = files.find((file) => file.filename === 'page.html')!;
    const htmlDownload = await agent.get(`/api/v1/tickets/${opened.json.ticketId}/attachments/${html.id}`);
    expect(htmlDownload.headers.get('content-type')).toBe('application/octet-stream');
    expect(htmlDownload.headers.get('content-disposition')).toMatch(/^attachment;/);
    // Not signed in: 401; a file id on another ticket: 404.
    expect((await t.api.get(`/api/v1/tickets/${opened.json.ticketId}/attachments/${image.id}`)).status).toBe(401);
    const other = (
      await deliver(await compose({ subject: '別件', text: '別件です。', messageId: '<other@sakura.example.jp>' }))
    ).json;
    expect((await agent.get(`/api/v1/tickets/${other.ticketId}/attachments/${image.id}`)).status).toBe(404);
    // Delivered again: the same answer, the files once.
    const again = await deliver(await withFiles());
    expect(again.json).toEqual(opened.json);
    expect((await agent.get(`/api/v1/tickets/${opened.json.ticketId}`)).json.messages[0].attachments).toHaveLength(2);

    // A reply with a file: the file goes with the reply, in its transaction.
    const log = Buffer.from('2026-11-28 10:00:00 ERROR login failed\n');
    const reply = await deliver(
      await compose({
        subject: `Re: [${opened.json.number}] 画面のエラー`,
        text: 'ログも添付します。',
        messageId: '<files-reply@sakura.example.jp>',
        inReplyTo: `<ticket-ack.${opened.json.ticketId}@${host}>`,
        attachments: [{ filename: 'app.log', content: log, contentType: 'text/plain' }],
      }),
    );
    expect(reply.json).toMatchObject({ outcome: 'appended', ticketId: opened.json.ticketId, attachments: 1 });
    const thread = (await agent.get(`/api/v1/tickets/${opened.json.ticketId}`)).json.messages;
    expect(thread[1].attachments.map((file: { filename: string }) => file.filename)).toEqual(['app.log']);
    const logDownload = await agent.get(
      `/api/v1/tickets/${opened.json.ticketId}/attachments/${thread[1].attachments[0].id}`,
    );
    expect(logDownload.text).toBe(log.toString());
  });

  it('reads ISO-2022-JP mail from older Japanese clients', async () => {
    const subject = `=?ISO-2022-JP?B?${jis('パスワード再設定').toString('base64')}?=`;
    const raw = Buffer.concat([
      Buffer.from(
        [
          `From: =?ISO-2022-JP?B?${jis('佐藤').toString('base64')}?= <sato@sakura.example.jp>`,
          'To: support@madoguchi.invalid',
          `Subject: ${subject}`,
          'Message-ID: <jis@sakura.example.jp>',
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=ISO-2022-JP',
          'Content-Transfer-Encoding: 7bit',
          '',
          '',
        ].join('\r\n'),
      ),
      jis('パスワードを再設定できません。'),
      Buffer.from('\r\n'),
    ]);
    const received = await deliver(raw);
    expect(received.status).toBe(201);
    const ticket = (await agent.get(`/api/v1/tickets/${received.json.ticketId}`)).json;
    expect(ticket).toMatchObject({
      subject: 'パスワード再設定',
      requester: { name: '佐藤', email: 'sato@sakura.example.jp' },
    });
    expect(ticket.messages[0].body).toBe('パスワードを再設定できません。');
  });
});
