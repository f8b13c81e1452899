import { UnitOfWork } from '@madoguchi/database';
import { InquiryService } from '@madoguchi/tickets';

// Internal to the library (not in its index): the spec reaches it directly.
import { TicketHistoryService } from '../../../libs/tickets/src/application/ticket-history.service';
import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('TicketHistoryService', () => {
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    app = await startApplication();
  });

  afterAll(() => app?.close());

  it('records a change as one history event and one audit entry, at the time given', async () => {
    const agent = await app.user('agent');
    const { id } = await app
      .get(InquiryService)
      .submit(app.as(null), { name: '客', email: 'guest@example.jp', subject: '件名', body: '本文' });
    const at = Date.parse('2026-12-01T11:00:00+09:00');
    await app
      .get(UnitOfWork)
      .run((transaction) =>
        app.get(TicketHistoryService).record(transaction, app.as(agent), id, 'note', { tag: 'billing' }, at),
      );
    const events = await app.query<{ actorId: string; data: unknown; occurredAt: Date }>(
      `SELECT actor_id AS "actorId", data, occurred_at AS "occurredAt" FROM ticket_event
        WHERE ticket_id = $1 AND kind = 'note'`,
      [id],
    );
    expect(events).toEqual([{ actorId: agent.userId, data: { tag: 'billing' }, occurredAt: new Date(at) }]);
    expect(await app.audited('ticket.note', id)).toEqual([{ actorId: agent.userId, summary: { tag: 'billing' } }]);
  });
});
