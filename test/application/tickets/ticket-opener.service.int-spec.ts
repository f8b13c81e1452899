import { UnitOfWork } from '@madoguchi/database';
import { TicketOpenerService, TicketQueryService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const DRAFT = {
  organizationId: null,
  requesterId: null,
  requesterName: '電話の客',
  requesterEmail: 'Caller@Example.JP',
  requesterCompany: null,
  requesterPhone: '0312345678',
  requesterLanguage: 'ja' as const,
  channel: 'phone' as const,
  category: null,
  subject: '電話での問い合わせ',
  body: '折り返し希望',
};

describe('TicketOpenerService', () => {
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    app = await startApplication();
  });

  afterAll(() => app?.close());

  it('opens a ticket in the caller’s transaction, with its number, due times, message and audit entry', async () => {
    const agent = await app.user('agent');
    const now = Date.parse('2026-12-01T10:00:00+09:00');
    const opened = await app
      .get(UnitOfWork)
      .run((transaction) => app.get(TicketOpenerService).open(transaction, app.as(agent), DRAFT, now));
    expect(opened).toMatchObject({
      number: expect.stringMatching(/^MD-2026-\d{6}$/),
      timeZone: 'Asia/Tokyo',
      firstResponseDueAt: Date.parse('2026-12-01T15:00:00+09:00'),
    });
    const ticket = await app.get(TicketQueryService).get(agent, opened.id);
    expect(ticket).toMatchObject({ channel: 'phone', requester: { email: 'caller@example.jp' }, status: 'new' });
    expect(ticket.messages.map((message) => message.body)).toEqual(['折り返し希望']);
    expect(await app.audited('ticket.create', opened.id)).toHaveLength(1);
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const agent = await app.user('agent');
    let openedId = '';
    await expect(
      app.get(UnitOfWork).run(async (transaction) => {
        openedId = (await app.get(TicketOpenerService).open(transaction, app.as(agent), DRAFT, Date.now())).id;
        throw new Error('the caller fails');
      }),
    ).rejects.toThrow('the caller fails');
    await expect(app.get(TicketQueryService).get(agent, openedId)).rejects.toMatchObject({ code: 'ticket.not-found' });
    expect(await app.audited('ticket.create', openedId)).toEqual([]);
  });
});
