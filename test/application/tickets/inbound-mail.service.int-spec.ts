import { type Principal } from '@madoguchi/common';
import { InboundMailService, TicketQueryService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const mail = (headers: Record<string, string>, body: string) =>
  Buffer.from(
    [
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
  );

describe('InboundMailService', () => {
  let app: ApplicationUnderTest;
  let inbound: InboundMailService;
  let agent: Principal;

  beforeAll(async () => {
    app = await startApplication({ INBOUND_MAIL_TRUSTED_RELAYS: 'mx.madoguchi.test' });
    inbound = app.get(InboundMailService);
    agent = await app.user('agent');
  });

  afterAll(() => app?.close());

  it('opens an e-mail ticket for a new message, and the same message delivered twice changes nothing', async () => {
    const raw = mail(
      {
        From: '山田 <yamada@sakura.example.jp>',
        Subject: 'ログインできません',
        'Message-ID': '<first@sakura.example.jp>',
      },
      'パスワードを忘れました。',
    );
    const opened = await inbound.receive(app.as(null), raw);
    expect(opened).toMatchObject({ outcome: 'created', number: expect.stringMatching(/^MD-/), attachments: 0 });
    expect(await inbound.receive(app.as(null), raw)).toEqual(opened);
    const ticketId = (opened as { ticketId: string }).ticketId;
    expect(await app.get(TicketQueryService).get(agent, ticketId)).toMatchObject({
      channel: 'email',
      subject: 'ログインできません',
      requester: { name: '山田', email: 'yamada@sakura.example.jp' },
    });
  });

  it('joins a reply naming the ticket in its subject to that ticket, its sender verified by the MX', async () => {
    const opened = (await inbound.receive(
      app.as(null),
      mail({ From: 'sato@momiji.example.jp', Subject: '請求書', 'Message-ID': '<q@momiji.example.jp>' }, '再発行を'),
    )) as { ticketId: string; number: string };
    const reply = await inbound.receive(
      app.as(null),
      mail(
        {
          From: 'sato@momiji.example.jp',
          Subject: `Re: [${opened.number}] 請求書`,
          'Message-ID': '<r@momiji.example.jp>',
          'Authentication-Results': 'mx.madoguchi.test; dmarc=pass header.from=momiji.example.jp',
        },
        '追記です。',
      ),
    );
    expect(reply).toMatchObject({ outcome: 'appended', ticketId: opened.ticketId });
    const thread = await app.get(TicketQueryService).get(agent, opened.ticketId);
    expect(thread.messages.map((message) => message.body)).toEqual(['再発行を', '追記です。']);
  });

  it('ignores automatic mail and refuses one without a sender', async () => {
    const autoReply = mail(
      { From: 'yamada@sakura.example.jp', Subject: '不在', 'Auto-Submitted': 'auto-replied' },
      '不在です',
    );
    expect(await inbound.receive(app.as(null), autoReply)).toEqual({
      outcome: 'ignored',
      reason: 'automatic message (Auto-Submitted: auto-replied)',
    });
    await expect(inbound.receive(app.as(null), mail({ Subject: 'no sender' }, 'x'))).rejects.toMatchObject({
      fieldProblems: [{ field: 'From' }],
    });
  });
});
