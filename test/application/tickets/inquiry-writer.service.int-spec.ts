import { InquiryWriterService, TicketOpenerService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const DRAFT = {
  organizationId: null,
  requesterId: null,
  requesterName: '客',
  requesterEmail: 'guest@example.jp',
  requesterCompany: null,
  requesterPhone: null,
  requesterLanguage: 'ja' as const,
  channel: 'web' as const,
  category: null,
  body: '本文',
};

describe('InquiryWriterService', () => {
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    app = await startApplication();
  });

  afterAll(() => app?.close());

  const pending = async (subject: string, idempotencyKey?: string) => {
    const prepared = await app
      .get(TicketOpenerService)
      .prepare(app.as(null), { ...DRAFT, subject }, Date.parse('2026-12-01T10:00:00+09:00'));
    return {
      prepared,
      acknowledgement: {
        mail: { to: [DRAFT.requesterEmail], subject: `受付 ${prepared.opened.number}`, text: '受け付けました' },
        dedupKey: `spec-ack.${prepared.opened.id}`,
      },
      idempotency: idempotencyKey
        ? { scope: 'spec', key: idempotencyKey, requestHash: subject, response: { id: prepared.opened.id } }
        : undefined,
    };
  };

  const written = (ids: string[]) =>
    app.query<{ id: string }>(`SELECT id FROM ticket WHERE id = ANY($1::uuid[]) ORDER BY id`, [ids]);

  it('writes inquiries that arrive together, each with its acknowledgement; a repeated key fails alone', async () => {
    const inquiries = await Promise.all([pending('一', 'key-1'), pending('二'), pending('三', 'key-1'), pending('四')]);
    const writer = app.get(InquiryWriterService);
    const outcomes = await Promise.allSettled(inquiries.map((inquiry) => writer.write(inquiry)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const ids = inquiries.map((inquiry) => inquiry.prepared.opened.id);
    const committed = [ids[0]!, ids[1]!, ids[3]!];
    expect((await written(ids)).map((row) => row.id)).toEqual([...committed].sort());
    const acknowledged = await app.query<{ key: string }>(
      `SELECT dedup_key AS key FROM mail_outbox WHERE dedup_key = ANY($1::text[])`,
      [ids.map((id) => `spec-ack.${id}`)],
    );
    expect(acknowledged.map((row) => row.key).sort()).toEqual(committed.map((id) => `spec-ack.${id}`).sort());
  });
});
