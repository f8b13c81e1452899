import { renderMail, SmtpMailTransport, testMessageTemplate } from '@madoguchi/mail';

import { SmtpSink } from '../support/smtp-sink';

describe('SmtpMailTransport against a real SMTP server', () => {
  const sink = new SmtpSink({
    rejectRecipient: (address) => (address.startsWith('gone@') ? '550 5.1.1 No such user' : undefined),
  });
  let transport: SmtpMailTransport;

  beforeAll(async () => {
    transport = new SmtpMailTransport(await sink.start());
  });

  afterAll(async () => {
    await transport.close();
    await sink.stop();
  });

  it('delivers the message with its subject, both parts and a stable Message-ID', async () => {
    const rendered = renderMail(testMessageTemplate, 'en', { sentAt: '2026-11-28T10:00:00+09:00' });
    const result = await transport.send({
      from: 'Madoguchi <support@example.com>',
      to: ['tanaka@example.co.jp'],
      messageId: 'incident-7.tanaka@madoguchi.test',
      ...rendered,
    });

    expect(result.messageId).toBe('incident-7.tanaka@madoguchi.test');
    const mail = sink.received.find((m) => m.parsed.messageId === '<incident-7.tanaka@madoguchi.test>');
    expect(mail?.envelopeTo).toEqual(['tanaka@example.co.jp']);
    expect(mail?.parsed.subject).toBe('Madoguchi test message');
    expect(mail?.parsed.text).toContain('Sent at: 2026-11-28T10:00:00+09:00');
    expect(mail?.parsed.html).toContain('<p>Madoguchi can send e-mail.</p>');
  });

  it('with displayTo, the To header shows that address and the envelope carries the recipients', async () => {
    await transport.send({
      from: 'support@example.com',
      to: ['ok@example.com', 'also@example.com'],
      displayTo: 'support@example.com',
      subject: '一斉のお知らせ',
      text: '本文',
      messageId: 'batch-2@madoguchi.test',
    });
    const mail = sink.received.find((m) => m.parsed.messageId === '<batch-2@madoguchi.test>');
    expect(mail?.envelopeTo).toEqual(['ok@example.com', 'also@example.com']);
    expect(mail?.parsed.headers.get('to')).toMatchObject({ text: 'support@example.com' });
  });

  it('reports each recipient: accepted ones receive it, a refused one carries the server reply', async () => {
    const result = await transport.send({
      from: 'support@example.com',
      to: ['ok@example.com', 'gone@example.com'],
      subject: 'お知らせ',
      text: '本文',
      messageId: 'batch-1@madoguchi.test',
    });

    expect(result.recipients).toEqual([
      { address: 'ok@example.com', accepted: true, code: 250, response: expect.stringMatching(/^250/) },
      { address: 'gone@example.com', accepted: false, code: 550, response: expect.stringContaining('550') },
    ]);
    const mail = sink.received.find((m) => m.parsed.messageId === '<batch-1@madoguchi.test>');
    expect(mail?.envelopeTo).toEqual(['ok@example.com']);
    expect(mail?.parsed.subject).toBe('お知らせ');
  });
});
