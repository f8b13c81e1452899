import { type Principal, SettableClock } from '@madoguchi/common';
import { InquiryService, TicketQueryService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const INQUIRY = {
  name: '山田 花子',
  email: 'hanako@sakura.example.jp',
  subject: '請求書の宛名',
  body: '変更できますか。',
};

describe('InquiryService', () => {
  // Tuesday 10:00 in Tokyo: four business hours of first response end at 15:00 (lunch is closed).
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let app: ApplicationUnderTest;
  let inquiries: InquiryService;
  let agent: Principal;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    inquiries = app.get(InquiryService);
    agent = await app.user('agent');
  });

  afterAll(() => app?.close());

  it('opens a web ticket with its due times and writes the acknowledgement with it', async () => {
    const receipt = await inquiries.submit(app.as(null), INQUIRY);
    expect(receipt).toEqual({
      id: expect.any(String),
      number: expect.stringMatching(/^MD-2026-\d{6}$/),
      createdAt: '2026-12-01T10:00:00+09:00',
      firstResponseDueAt: '2026-12-01T15:00:00+09:00',
      resolutionDueAt: expect.any(String),
      attachments: [],
    });
    const ticket = await app.get(TicketQueryService).get(agent, receipt.id);
    expect(ticket).toMatchObject({ status: 'new', channel: 'web', organizationId: null, requester: { id: null } });
    const [acknowledgement] = await app.query<{ to: string[]; subject: string }>(
      `SELECT message->'to' AS to, message->>'subject' AS subject FROM mail_outbox WHERE dedup_key = $1`,
      [`ticket-ack.${receipt.id}`],
    );
    expect(acknowledgement).toEqual({ to: [INQUIRY.email], subject: expect.stringContaining(receipt.number) });
  });

  it('joins a signed-in customer’s inquiry to their organization, in their language', async () => {
    const organizationId = await app.organization();
    const customer = await app.user('customer', { organizationId });
    const { id } = await inquiries.submit(app.as(customer), INQUIRY);
    expect(await app.get(TicketQueryService).get(customer, id)).toMatchObject({
      organizationId,
      requester: { id: customer.userId, language: 'ja' },
    });
  });

  it('answers a retry with the same Idempotency-Key with the same ticket, and refuses the key for another request', async () => {
    const first = await inquiries.submit(app.as(null), INQUIRY, 'retry-1');
    clock.set(clock.now() + 60_000);
    expect(await inquiries.submit(app.as(null), INQUIRY, 'retry-1')).toEqual(first);
    const tickets = await app.query(`SELECT 1 FROM ticket WHERE requester_email = $1 AND id = $2`, [
      INQUIRY.email,
      first.id,
    ]);
    expect(tickets).toHaveLength(1);
    await expect(inquiries.submit(app.as(null), { ...INQUIRY, body: '別の内容' }, 'retry-1')).rejects.toMatchObject({
      code: 'idempotency.key-reused',
    });
  });
});
