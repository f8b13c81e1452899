import { Client } from 'pg';

import { Factories, type Person } from '../factories';
import { EventStreamClient, type ServerSentEvent } from '../support/event-stream';
import { createMigratedTestDatabase, describeWithPostgres, type TestDatabase } from '../support/services';
import { startTestApp, type TestApp } from '../support/test-app';

const aboutTicket = (id: string) => (event: ServerSentEvent) =>
  event.event === 'ticket' && (event.data as { id: string }).id === id;

describeWithPostgres('live desk feed: changes made on one API process reach desks open on another', () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;
  let factories: Factories;
  let customer: Person;
  let owner: Person;
  let lead: Person;
  const streams: EventStreamClient[] = [];

  /** The desk's feed on the second process, as `person` (bearer, as a script would; pages use the session). */
  const feed = async (person: Person, headers: Record<string, string> = {}) => {
    const stream = await EventStreamClient.open(`${second.baseUrl}/desk/events`, {
      authorization: `Bearer ${person.token}`,
      ...headers,
    });
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    const services = { DATABASE_URL: database.url, INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' };
    first = await startTestApp(services);
    second = await startTestApp(services);
    factories = await Factories.for(first);
    const org = await factories.organization('さくら商事');
    customer = await factories.customer(org.id, { email: 'hanako@sakura.example' });
    owner = await factories.staff('agent', { name: '田中 一郎' });
    lead = await factories.staff('agent', { name: '鈴木 次郎' });
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('a new ticket, an assignment and a customer reply are announced, and the assignee hears of the notification', async () => {
    const desk = await feed(lead);
    const ownerDesk = await feed(owner);
    expect(desk.status).toBe(200);

    const { id } = await factories.ticket(customer, { subject: 'ログインできません' });
    const created = await desk.next(aboutTicket(id));
    expect(created.data).toEqual({ id, created: true, status: 'new', assigneeId: null, groupId: null });

    await lead.api.patch(`/api/v1/tickets/${id}`, { assigneeId: owner.id });
    expect((await desk.next(aboutTicket(id))).data).toMatchObject({ created: false, assigneeId: owner.id });
    const told = await ownerDesk.next((event) => event.event === 'notification');
    expect(told.data).toEqual({ unread: (await owner.api.get('/api/v1/notifications')).json.unread });
    // The notification is the owner's alone.
    expect((await desk.pending(200)).filter((event) => event.event === 'notification')).toEqual([]);

    await customer.api.post(`/api/v1/tickets/${id}/messages`, { body: 'まだログインできません。' });
    expect((await desk.next(aboutTicket(id))).data).toMatchObject({ id, assigneeId: owner.id });
  });

  it('a reconnecting desk is caught up from Last-Event-ID; one from too long ago is told to look again', async () => {
    const desk = await feed(lead);
    const { id } = await factories.ticket(customer, { subject: '請求書の再発行' });
    const seen = await desk.next(aboutTicket(id));
    desk.close();
    await lead.api.patch(`/api/v1/tickets/${id}`, { priority: 'high' });
    // Wait until the second process has heard the change before reconnecting to it.
    const witness = await feed(owner);
    await factories.ticket(customer, { subject: '目印' });
    await witness.next((event) => event.event === 'ticket' && (event.data as { created: boolean }).created);

    const resumed = await feed(lead, { 'last-event-id': seen.id! });
    expect((await resumed.next(aboutTicket(id))).data).toMatchObject({ id, created: false });
    expect((await resumed.pending(100)).some((event) => event.event === 'resync')).toBe(false);

    const stale = await feed(lead, { 'last-event-id': String(Date.now() - 10 * 60_000) });
    expect((await stale.next()).event).toBe('resync');
  });

  it('after its LISTEN connection is cut the process reconnects, says "resync", and hears again', async () => {
    const desk = await feed(lead);
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'madoguchi-listen'`,
      );
      // Only the second process has had a desk open: the first never started listening.
      expect(rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    expect((await desk.next((event) => event.event === 'resync', 15_000)).event).toBe('resync');
    const { id } = await factories.ticket(customer, { subject: '再接続のあと' });
    expect((await desk.next(aboutTicket(id))).data).toMatchObject({ created: true });
  });

  it('is for staff: a customer and an anonymous visitor are refused', async () => {
    const anonymous = await EventStreamClient.open(`${second.baseUrl}/desk/events`);
    streams.push(anonymous);
    expect(anonymous.status).toBe(401);
    const contact = await factories.customer((await factories.organization()).id);
    const refused = await EventStreamClient.open(`${second.baseUrl}/desk/events`, {
      authorization: `Bearer ${contact.token}`,
    });
    streams.push(refused);
    expect(refused.status).toBe(403);
  });
});
