import { DataSource } from 'typeorm';

import { Factories, type Person } from '../factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('tags and bulk changes', () => {
  let t: TestApp;
  let factories: Factories;
  let manager: Person;
  let agent: Person;
  let colleague: Person;
  let customer: Person;

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' });
    factories = await Factories.for(t);
    manager = await factories.staff('manager', { name: '高橋 美咲' });
    agent = await factories.staff('agent', { name: '鈴木 一郎' });
    colleague = await factories.staff('agent', { name: '佐藤 次郎' });
    customer = await factories.customer((await factories.organization('さくら商事')).id, { name: '山田 花子' });
  });

  afterAll(() => t?.close());

  const ticket = async (id: string) =>
    (await agent.api.get(`/api/v1/tickets/${id}`)).json as {
      status: string;
      assigneeId: string | null;
      tags?: string[];
    };

  it('keeps one list: managers add and delete, names folded and unique case aside, agents only read', async () => {
    const added = await manager.api.post('/api/v1/tags', { name: '　ＶＩＰ　顧客 ' });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ name: 'VIP 顧客' });
    const taken = await manager.api.post('/api/v1/tags', { name: 'vip 顧客' });
    expect(taken.status).toBe(409);
    expect(taken.json.code).toBe('tag.name-taken');
    const comma = await manager.api.post('/api/v1/tags', { name: '請求、返金' });
    expect(comma.status).toBe(400);
    expect(comma.json.errors).toEqual([{ field: 'name', messages: ['a tag name has no commas'] }]);
    expect((await agent.api.post('/api/v1/tags', { name: '請求' })).status).toBe(403);
    expect((await customer.api.get('/api/v1/tags')).status).toBe(403);
    const listed = await agent.api.get('/api/v1/tags');
    expect(listed.json.items).toContainEqual({ id: added.json.id, name: 'VIP 顧客' });
  });

  it('tags a ticket from the list only, filters by tag, records the change, and hides tags from customers', async () => {
    await manager.api.post('/api/v1/tags', { name: '請求' });
    await manager.api.post('/api/v1/tags', { name: '要折り返し' });
    const tagged = await factories.ticket(customer, { subject: '請求書の宛名' });
    const other = await factories.ticket(customer, { subject: '別件' });

    const unknown = await agent.api.patch(`/api/v1/tickets/${tagged.id}`, { tags: ['請求', 'クレーム'] });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([{ field: 'tags', messages: ['not on the tag list: クレーム'] }]);
    expect((await ticket(tagged.id)).tags).toEqual([]);

    const set = await agent.api.patch(`/api/v1/tickets/${tagged.id}`, { tags: ['請求', '要折り返し', '請求'] });
    expect(set.status).toBe(200);
    expect(set.json.tags).toEqual(['要折り返し', '請求']);
    const filtered = await agent.api.get('/api/v1/tickets?tag=%E8%AB%8B%E6%B1%82');
    expect(filtered.json.items.map((item: { id: string }) => item.id)).toEqual([tagged.id]);
    expect(filtered.json.items.map((item: { id: string }) => item.id)).not.toContain(other.id);

    const history = await t.app
      .get(DataSource)
      .query(`SELECT data FROM ticket_event WHERE ticket_id = $1 AND kind = 'update' ORDER BY id DESC LIMIT 1`, [
        tagged.id,
      ]);
    expect(history[0].data).toMatchObject({ before: { tags: [] }, after: { tags: ['要折り返し', '請求'] } });

    const seenByCustomer = await customer.api.get(`/api/v1/tickets/${tagged.id}`);
    expect(seenByCustomer.status).toBe(200);
    expect(seenByCustomer.json).not.toHaveProperty('tags');
  });

  it('applies one change to many tickets, each by itself, and says which could not change', async () => {
    await manager.api.post('/api/v1/tags', { name: '一括' });
    const [first, second, closed] = [
      await factories.ticket(customer),
      await factories.ticket(customer),
      await factories.ticket(customer),
    ];
    await agent.api.patch(`/api/v1/tickets/${closed.id}`, { status: 'solved' });
    expect((await agent.api.patch(`/api/v1/tickets/${closed.id}`, { status: 'closed' })).status).toBe(200);

    const bulk = await agent.api.post('/api/v1/tickets/bulk', {
      ids: [first.id, second.id, closed.id],
      assigneeId: colleague.id,
      status: 'pending',
      addTags: ['一括'],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.json.updated).toEqual([first.id, second.id]);
    expect(bulk.json.failed).toEqual([
      { id: closed.id, code: 'ticket.invalid-transition', detail: expect.any(String) },
    ]);
    for (const id of [first.id, second.id])
      expect(await ticket(id)).toMatchObject({ status: 'pending', assigneeId: colleague.id, tags: ['一括'] });
    expect(await ticket(closed.id)).toMatchObject({ status: 'closed', tags: [] });
    // The new assignee is told once per ticket.
    const told = (await colleague.api.get('/api/v1/notifications')).json as { items: Array<{ ticketId: string }> };
    expect(told.items.filter((item) => [first.id, second.id].includes(item.ticketId))).toHaveLength(2);
  });

  it('refuses the whole request when what it names is wrong, before any ticket changes', async () => {
    const untouched = await factories.ticket(customer);
    const toCustomer = await agent.api.post('/api/v1/tickets/bulk', {
      ids: [untouched.id],
      status: 'pending',
      assigneeId: customer.id,
    });
    expect(toCustomer.status).toBe(422);
    expect(toCustomer.json.errors).toEqual([expect.objectContaining({ field: 'assigneeId' })]);
    const unknownTag = await agent.api.post('/api/v1/tickets/bulk', { ids: [untouched.id], addTags: ['存在しない'] });
    expect(unknownTag.status).toBe(422);
    expect(unknownTag.json.errors).toEqual([{ field: 'addTags', messages: ['not on the tag list: 存在しない'] }]);
    expect(await ticket(untouched.id)).toMatchObject({ status: 'new', assigneeId: null, tags: [] });
    expect((await agent.api.post('/api/v1/tickets/bulk', { ids: [] })).status).toBe(400);
    expect((await customer.api.post('/api/v1/tickets/bulk', { ids: [untouched.id], status: 'open' })).status).toBe(403);
  });

  it('keeps a ticket within 20 tags when a bulk change adds one, naming the ticket that would not fit', async () => {
    const names = Array.from({ length: 21 }, (_, n) => `上限${n + 1}`);
    for (const name of names) expect((await manager.api.post('/api/v1/tags', { name })).status).toBe(201);
    const full = await factories.ticket(customer);
    const roomy = await factories.ticket(customer);
    expect((await agent.api.patch(`/api/v1/tickets/${full.id}`, { tags: names.slice(0, 20) })).status).toBe(200);
    const bulk = await agent.api.post('/api/v1/tickets/bulk', { ids: [full.id, roomy.id], addTags: [names[20]] });
    expect(bulk.json).toEqual({
      updated: [roomy.id],
      failed: [{ id: full.id, code: 'validation.failed', detail: expect.any(String) }],
    });
    expect((await ticket(full.id)).tags).toHaveLength(20);
  });

  it('takes a deleted tag off the tickets that carried it', async () => {
    const tag = (await manager.api.post('/api/v1/tags', { name: '一時' })).json as { id: string };
    const carrying = await factories.ticket(customer);
    await agent.api.patch(`/api/v1/tickets/${carrying.id}`, { tags: ['一時'] });
    expect((await manager.api.delete(`/api/v1/tags/${tag.id}`)).status).toBe(204);
    expect((await ticket(carrying.id)).tags).toEqual([]);
    expect((await manager.api.delete(`/api/v1/tags/${tag.id}`)).status).toBe(404);
  });
});
