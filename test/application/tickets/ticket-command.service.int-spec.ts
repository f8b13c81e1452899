import { type Principal, SettableClock, ValidationFailedError } from '@madoguchi/common';
import { InquiryService, TicketCommandService, TicketQueryService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const INQUIRY = {
  name: '山田 花子',
  email: 'hanako@sakura.example.jp',
  subject: 'ログインできません',
  body: '朝から。',
};
const HOUR = 3_600_000;

describe('TicketCommandService', () => {
  // Tuesday 1 December 2026, 10:00 in Tokyo: the desk is open.
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let app: ApplicationUnderTest;
  let commands: TicketCommandService;
  let agent: Principal;
  let customer: Principal;

  const ticket = (id: string) => app.get(TicketQueryService).get(agent, id);
  const inquiry = async (by: Principal | null = null) =>
    (await app.get(InquiryService).submit(by ? app.as(by) : app.as(agent), INQUIRY)).id;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    commands = app.get(TicketCommandService);
    agent = await app.user('agent');
    customer = await app.user('customer', { organizationId: await app.organization() });
  });

  afterAll(() => app?.close());

  it('an agent’s reply opens a new ticket, stamps the first response and writes the requester’s mail with it', async () => {
    const id = await inquiry();
    clock.set(clock.now() + HOUR);
    const { message, ticketId, followUpOf } = await commands.addMessage(app.as(agent), id, {
      body: 'ご確認ください。',
    });
    expect({ ticketId, followUpOf }).toEqual({ ticketId: id, followUpOf: null });
    expect(await ticket(id)).toMatchObject({ status: 'open', firstRespondedAt: '2026-12-01T11:00:00+09:00' });
    const mail = await app.query<{ to: string[] }>(`SELECT message->'to' AS to FROM mail_outbox WHERE dedup_key = $1`, [
      `ticket-message.${message.id}`,
    ]);
    expect(mail).toEqual([{ to: [INQUIRY.email] }]);
  });

  it('an internal note changes nothing the customer sees and e-mails no one; a customer may not write one', async () => {
    const id = await inquiry();
    const { message } = await commands.addMessage(app.as(agent), id, { body: '社内メモ', internal: true });
    expect(await ticket(id)).toMatchObject({ status: 'new', firstRespondedAt: null });
    expect(await app.query(`SELECT 1 FROM mail_outbox WHERE dedup_key = $1`, [`ticket-message.${message.id}`])).toEqual(
      [],
    );
    await expect(commands.addMessage(app.as(customer), id, { body: 'x', internal: true })).rejects.toThrow(
      ValidationFailedError,
    );
  });

  it('pending pauses the clocks until the customer answers, and the answer reopens it', async () => {
    clock.set(Date.parse('2026-12-01T11:00:00+09:00'));
    const id = await inquiry(customer);
    const before = await ticket(id);
    await commands.update(app.as(agent), id, { status: 'pending' });
    expect(await ticket(id)).toMatchObject({ status: 'pending', pendingSince: expect.any(String) });
    clock.set(clock.now() + 2 * HOUR);
    await commands.addMessage(app.as(customer), id, { body: 'お待たせしました。' });
    const after = await ticket(id);
    expect(after).toMatchObject({ status: 'open', pendingSince: null });
    // 11:00–13:00 holds one open hour (12:00–13:00 is lunch): the resolution is due one hour later.
    expect(Date.parse(after.resolutionDueAt) - Date.parse(before.resolutionDueAt)).toBe(HOUR);
  });

  it('a customer writing on a closed ticket opens a follow-up that points back to it', async () => {
    const id = await inquiry(customer);
    await commands.closeByRequester(app.as(customer), id);
    const { ticketId, followUpOf } = await commands.addMessage(app.as(customer), id, { body: 'もう一件。' });
    expect(ticketId).not.toBe(id);
    expect(followUpOf).toBe(id);
    expect(await ticket(ticketId)).toMatchObject({ subject: `Re: ${INQUIRY.subject}`, followUpOf: id, status: 'new' });
    await expect(commands.addMessage(app.as(agent), id, { body: '閉じた後' })).rejects.toMatchObject({
      code: 'ticket.closed',
    });
  });

  it('refuses an unknown group and changes nothing', async () => {
    const id = await inquiry();
    const attempt = commands.update(app.as(agent), id, {
      status: 'open',
      groupId: '00000000-0000-4000-8000-000000000000',
    });
    await expect(attempt).rejects.toMatchObject({ fieldProblems: [{ field: 'groupId' }] });
    expect(await ticket(id)).toMatchObject({ status: 'new', groupId: null });
  });
});
