import { type Principal, SettableClock } from '@madoguchi/common';
import { CallLogService, CallQueryService } from '@madoguchi/telephony';
import { TicketQueryService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('CallLogService', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T11:00:00+09:00'));
  let app: ApplicationUnderTest;
  let log: CallLogService;
  let agent: Principal;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    log = app.get(CallLogService);
    agent = await app.user('agent', { name: '鈴木' });
  });

  afterAll(() => app?.close());

  const call = (overrides: Partial<Parameters<CallLogService['log']>[1]> = {}) =>
    log.log(app.as(agent), {
      direction: 'outbound',
      callerNumber: '0312345678',
      startedAt: new Date('2026-12-01T10:30:00+09:00'),
      durationSeconds: 300,
      summary: '折り返し連絡',
      ...overrides,
    });

  it('logs a call by hand as answered by the agent, in the desk’s zone, audited', async () => {
    const logged = await call();
    expect(logged).toMatchObject({
      source: expect.any(String),
      direction: 'outbound',
      enteredAt: '2026-12-01T10:30:00+09:00',
      answeredAt: '2026-12-01T10:30:00+09:00',
      endedAt: '2026-12-01T10:35:00+09:00',
      outcome: 'answered',
      talkSeconds: 300,
      agent: '鈴木',
      ticketId: null,
    });
    expect(await app.get(CallQueryService).get(logged.id)).toEqual(logged);
    expect(await app.audited('call.log', logged.id)).toHaveLength(1);
  });

  it('refuses a call that starts in the future and a link to an unknown ticket', async () => {
    await expect(call({ startedAt: new Date('2026-12-01T11:05:00+09:00') })).rejects.toMatchObject({
      code: 'call.in-future',
    });
    await expect(call({ ticketId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'ticket.not-found',
    });
  });

  it('turns a call into a phone ticket once, linked both ways', async () => {
    const logged = await call({ summary: 'パスワード再設定の依頼' });
    const opened = await log.createTicket(app.as(agent), logged.id, {
      name: '山田',
      email: 'yamada@example.jp',
      subject: 'パスワード再設定',
    });
    expect(await app.get(CallQueryService).get(logged.id)).toMatchObject({ ticketId: opened.ticketId });
    const ticket = await app.get(TicketQueryService).get(agent, opened.ticketId);
    expect(ticket).toMatchObject({ channel: 'phone', requester: { phone: '0312345678' } });
    expect(ticket.messages.map((message) => message.body)).toEqual(['パスワード再設定の依頼']);
    await expect(
      log.createTicket(app.as(agent), logged.id, { name: '山田', email: 'yamada@example.jp', subject: '二度目' }),
    ).rejects.toMatchObject({ code: 'call.has-ticket' });
    const unlinked = await log.linkTicket(app.as(agent), logged.id, null);
    expect(unlinked.ticketId).toBeNull();
  });
});
