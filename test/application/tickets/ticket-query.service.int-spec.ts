import type { Principal } from '@madoguchi/common';
import { decodeCursor, InquiryService, TicketCommandService, TicketQueryService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const INQUIRY = { name: '客', email: 'guest@example.jp', subject: '件名', body: '本文' };

describe('TicketQueryService', () => {
  let app: ApplicationUnderTest;
  let queries: TicketQueryService;
  let agent: Principal;
  let sakura: Principal;
  let momiji: Principal;
  let sakuraTicket: string;

  beforeAll(async () => {
    app = await startApplication();
    queries = app.get(TicketQueryService);
    agent = await app.user('agent');
    sakura = await app.user('customer', { organizationId: await app.organization('さくら') });
    momiji = await app.user('customer', { organizationId: await app.organization('もみじ') });
    sakuraTicket = (await app.get(InquiryService).submit(app.as(sakura), INQUIRY)).id;
    await app.get(InquiryService).submit(app.as(momiji), INQUIRY);
    const commands = app.get(TicketCommandService);
    await commands.addMessage(app.as(agent), sakuraTicket, { body: '社内メモ', internal: true });
    await commands.addMessage(app.as(agent), sakuraTicket, { body: 'ご回答です' });
  });

  afterAll(() => app?.close());

  it('shows staff every ticket and a customer only their organization’s', async () => {
    const ids = async (viewer: Principal) => (await queries.list(viewer, {}, 50)).items.map((ticket) => ticket.id);
    expect(await ids(agent)).toHaveLength(2);
    expect(await ids(sakura)).toEqual([sakuraTicket]);
    await expect(queries.get(momiji, sakuraTicket)).rejects.toMatchObject({ code: 'ticket.not-found' });
  });

  it('keeps internal notes from customers', async () => {
    const bodies = async (viewer: Principal) =>
      (await queries.get(viewer, sakuraTicket)).messages.map((message) => message.body);
    expect(await bodies(agent)).toEqual(['本文', '社内メモ', 'ご回答です']);
    expect(await bodies(sakura)).toEqual(['本文', 'ご回答です']);
  });

  it('pages with a cursor, newest first, until the last page says so', async () => {
    const first = await queries.list(agent, {}, 1);
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await queries.list(agent, {}, 1, decodeCursor(first.nextCursor!)!);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]!.createdAt >= second.items[0]!.createdAt).toBe(true);
  });
});
