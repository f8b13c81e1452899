import {
  BODY_LIMIT,
  cleanSubject,
  guessLanguage,
  ignoredBecause,
  type InboundMail,
  messageBody,
  senderVerified,
  stripQuotedReply,
  threadReference,
} from './inbound-mail';

const mail = (overrides: Partial<InboundMail> = {}): InboundMail => ({
  messageId: 'abc@customer.example',
  refersTo: [],
  from: { address: 'yamada@sakura.example.jp', name: '山田 花子' },
  subject: 'ログインできません',
  text: '本文',
  autoSubmitted: null,
  precedence: null,
  authenticationResults: [],
  attachments: [],
  ...overrides,
});

const TICKET = '0b7a3f5e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('inbound mail rules', () => {
  it('ignores automatic, bulk and bounce mail and our own, and nothing else', () => {
    expect(ignoredBecause(mail(), ['support@madoguchi.example'])).toBeNull();
    expect(ignoredBecause(mail({ autoSubmitted: 'no' }), [])).toBeNull();
    expect(ignoredBecause(mail({ autoSubmitted: 'auto-replied' }), [])).toContain('Auto-Submitted: auto-replied');
    expect(ignoredBecause(mail({ precedence: 'Bulk' }), [])).toContain('Precedence: bulk');
    expect(ignoredBecause(mail({ from: { address: 'MAILER-DAEMON@mx.example', name: '' } }), [])).toContain(
      'delivery report',
    );
    expect(
      ignoredBecause(mail({ from: { address: 'Support@Madoguchi.example', name: '' } }), ['support@madoguchi.example']),
    ).toBe('sent by the desk itself');
  });

  it('threads by our Message-IDs on our domain first, then by the ticket tag in the subject', () => {
    expect(
      threadReference(mail({ refersTo: [`ticket-ack.${TICKET}@madoguchi.example`] }), 'madoguchi.example'),
    ).toEqual({ ticketId: TICKET });
    expect(
      threadReference(
        mail({ refersTo: [`ticket-ack.${TICKET}@madoguchi.example`, `ticket-message.${TICKET}@madoguchi.example`] }),
        'madoguchi.example',
      ),
    ).toEqual({ messageId: TICKET });
    // Another domain's look-alike id is not ours.
    expect(threadReference(mail({ refersTo: [`ticket-ack.${TICKET}@evil.example`] }), 'madoguchi.example')).toBeNull();
    expect(threadReference(mail({ subject: 'Re: [MD-2026-000123] ログイン' }), 'madoguchi.example')).toEqual({
      number: 'MD-2026-000123',
    });
    expect(threadReference(mail(), 'madoguchi.example')).toBeNull();
  });

  it('keeps the new part of a reply', () => {
    expect(
      stripQuotedReply(
        'ありがとうございます。\n解決しました。\n\n2026年11月28日(土) 10:00 窓口 <support@x.example>:\n> 前の本文',
      ),
    ).toBe('ありがとうございます。\n解決しました。');
    expect(stripQuotedReply('Thanks!\r\n\r\nOn Sat, Nov 28, 2026 at 10:00 Support <s@x.example> wrote:\r\n> old')).toBe(
      'Thanks!',
    );
    expect(stripQuotedReply('Top\n-----Original Message-----\nFrom: a')).toBe('Top');
    expect(stripQuotedReply('> only a quote')).toBe('> only a quote');
  });

  it('cleans reply prefixes and our tag from subjects, and guesses the language', () => {
    expect(cleanSubject('Re: RE: 転送: [MD-2026-000123] ログインできません')).toBe('ログインできません');
    expect(cleanSubject('Fwd: Invoice question')).toBe('Invoice question');
    expect(guessLanguage('ログインできません')).toBe('ja');
    expect(guessLanguage('Cannot sign in')).toBe('en');
  });

  it('never cuts a long body silently: the message says so and the whole text becomes full-text.txt', () => {
    expect(messageBody('短い本文')).toEqual({ body: '短い本文', fullText: null });
    expect(messageBody('')).toEqual({ body: '(本文なし / no text)', fullText: null });
    const long = 'あ'.repeat(BODY_LIMIT + 5);
    const { body, fullText } = messageBody(long);
    expect(body.length).toBe(BODY_LIMIT);
    expect(body).toContain('full-text.txt');
    expect(fullText).toEqual({ filename: 'full-text.txt', contentType: 'text/plain', content: Buffer.from(long) });
  });
});

describe('senderVerified', () => {
  const relays = ['mx.madoguchi.example'];
  const withResults = (...headers: string[]) => mail({ authenticationResults: headers });

  it('believes a trusted relay that saw DMARC pass, or SPF/DKIM pass for the From domain itself', () => {
    expect(senderVerified(withResults('mx.madoguchi.example; dmarc=pass header.from=sakura.example.jp'), relays)).toBe(
      true,
    );
    expect(
      senderVerified(withResults('mx.madoguchi.example 1; spf=pass smtp.mailfrom=yamada@sakura.example.jp'), relays),
    ).toBe(true);
    expect(senderVerified(withResults('MX.madoguchi.example;\r\n dkim=pass header.d=sakura.example.jp'), relays)).toBe(
      true,
    );
  });

  it('believes nothing else: an untrusted server, a failure, another domain, or no relay configured', () => {
    const dmarc = 'dmarc=pass header.from=sakura.example.jp';
    expect(senderVerified(withResults(`attacker.example; ${dmarc}`), relays)).toBe(false);
    expect(senderVerified(withResults('mx.madoguchi.example; dmarc=fail header.from=sakura.example.jp'), relays)).toBe(
      false,
    );
    expect(senderVerified(withResults('mx.madoguchi.example; spf=pass smtp.mailfrom=evil.example'), relays)).toBe(
      false,
    );
    expect(senderVerified(withResults(`mx.madoguchi.example; ${dmarc}`), [])).toBe(false);
    expect(senderVerified(mail(), relays)).toBe(false);
  });
});
