import { validateConfig } from '@madoguchi/config';
import { MailService, SmtpMailTransport } from '@madoguchi/mail';
import { Metrics } from '@madoguchi/observability';

import { SmtpSink } from '../support/smtp-sink';

const RECIPIENTS = Array.from({ length: 100 }, (_, i) => `c${String(i).padStart(3, '0')}@sakura.example.jp`);

/** MailService.deliver against a real SMTP server: one answer per recipient, whatever the server does. */
describe('mail delivery: a batch refused as a whole', () => {
  const sinks: SmtpSink[] = [];
  const services: MailService[] = [];

  async function serviceFor(sink: SmtpSink): Promise<MailService> {
    sinks.push(sink);
    const transport = new SmtpMailTransport(await sink.start(), { maxConnections: 2, timeoutSeconds: 5 });
    const service = new MailService(transport, null, validateConfig({}), new Metrics());
    services.push(service);
    return service;
  }

  afterAll(async () => {
    for (const service of services) await service.onApplicationShutdown();
    for (const sink of sinks) await sink.stop();
  });

  it('greylisting (421 at RCPT, connection closed): split until only the greylisted addresses wait', async () => {
    const greylisted = new Set([RECIPIENTS[7]!, RECIPIENTS[61]!]);
    const sink = new SmtpSink({ greylist: (address) => greylisted.has(address) });
    const service = await serviceFor(sink);

    const results = await service.deliver({ to: RECIPIENTS, subject: '障害のお知らせ', text: '調査中です。' });

    expect(results.map((result) => result.address).sort()).toEqual(RECIPIENTS);
    // The 421 closes the connection; with 100 RCPTs pipelined its reply text is often lost, and
    // the transaction fails as "connection closed": either way, only these two are left.
    expect(results.filter((result) => !result.accepted).map((result) => result.address)).toEqual([...greylisted]);
    const copies = sink.copiesByRecipient();
    expect([...copies.keys()].sort()).toEqual(RECIPIENTS.filter((address) => !greylisted.has(address)));
    expect([...copies.values()].filter((entry) => entry.copies !== 1)).toEqual([]);
  });

  it('a server that refuses every message with a 4xx is not hammered: at most 32 transactions, everyone left to retry', async () => {
    const sink = new SmtpSink({ refuseData: () => '451 4.3.0 temporary failure' });
    const service = await serviceFor(sink);

    const results = await service.deliver({ to: RECIPIENTS, subject: '障害のお知らせ', text: '調査中です。' });

    expect(results).toHaveLength(RECIPIENTS.length);
    expect(results.every((result) => !result.accepted && result.code === 451)).toBe(true);
    expect(sink.transactions).toBeGreaterThan(1);
    expect(sink.transactions).toBeLessThanOrEqual(32);
  });

  it('a 5xx for the whole message is not split: one transaction, everyone answered with it', async () => {
    const sink = new SmtpSink({ refuseData: () => '554 5.6.0 message refused' });
    const service = await serviceFor(sink);

    const results = await service.deliver({ to: RECIPIENTS, subject: '障害のお知らせ', text: '調査中です。' });

    expect(sink.transactions).toBe(1);
    expect(new Set(results.map((result) => result.code))).toEqual(new Set([554]));
  });
});
