import { type Principal, SettableClock } from '@madoguchi/common';
import { AutoCloseService, InquiryService, TicketCommandService, TicketQueryService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('AutoCloseService', () => {
  // Tuesday 1 December 2026, 10:00 in Tokyo.
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let app: ApplicationUnderTest;
  let agent: Principal;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    agent = await app.user('agent');
  });

  afterAll(() => app?.close());

  it('closes a solved ticket at the end of its fifth business day, not before, and records why', async () => {
    const { id } = await app.get(InquiryService).submit(app.as(null), {
      name: '客',
      email: 'guest@example.jp',
      subject: '件名',
      body: '本文',
    });
    const commands = app.get(TicketCommandService);
    await commands.addMessage(app.as(agent), id, { body: '解決しました。' });
    await commands.update(app.as(agent), id, { status: 'solved' });
    const solved = await app.get(TicketQueryService).get(agent, id);
    // Solved on Tuesday the 1st: Wednesday to the next Tuesday are its five business days.
    expect(solved.autoCloseAt).toBe('2026-12-08T17:00:00+09:00');
    const autoClose = app.get(AutoCloseService);
    expect(await autoClose.run(Date.parse('2026-12-08T16:59:00+09:00'))).toEqual([]);
    expect(await autoClose.run(Date.parse('2026-12-08T17:00:00+09:00'))).toEqual([id]);
    expect(await app.get(TicketQueryService).get(agent, id)).toMatchObject({ status: 'closed' });
    expect(await autoClose.run(Date.parse('2026-12-09T10:00:00+09:00'))).toEqual([]);
    const events = await app.query<{ kind: string; data: unknown }>(
      `SELECT kind, data FROM ticket_event WHERE ticket_id = $1 AND kind = 'close'`,
      [id],
    );
    expect(events).toEqual([{ kind: 'close', data: { by: 'auto-close' } }]);
  });
});
