import { Factories } from '../factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('canned replies API: shared ones kept by managers, personal ones by their owner', () => {
  let t: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    factories = await Factories.for(t);
  });

  afterAll(() => t?.close());

  it('answers each rule with its code, and a misspelt placeholder on the body field', async () => {
    const agent = await factories.staff('agent');
    const manager = await factories.staff('manager');

    const refused = await agent.api.post('/api/v1/canned-replies', { title: '共有', body: '本文' });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('canned-reply.shared-by-managers');

    const shared = await manager.api.post('/api/v1/canned-replies', { title: '共有', body: '{{requester.name}} 様' });
    expect(shared.status).toBe(201);
    expect(shared.json).toMatchObject({ personal: false, editable: true });
    const own = await agent.api.post('/api/v1/canned-replies', { title: '自分用', body: '本文', personal: true });
    expect(own.json).toMatchObject({ personal: true, editable: true });

    const listed = (await agent.api.get('/api/v1/canned-replies')).json.items as Array<Record<string, unknown>>;
    expect(listed.map(({ title, editable }) => ({ title, editable }))).toEqual([
      { title: '共有', editable: false },
      { title: '自分用', editable: true },
    ]);
    expect((await manager.api.get('/api/v1/canned-replies')).json.items).toHaveLength(1);

    const typo = await agent.api.patch(`/api/v1/canned-replies/${own.json.id}`, {
      title: '自分用',
      body: '{{ticket.numbr}}',
    });
    expect(typo.status).toBe(400);
    expect(typo.json.errors).toEqual([{ field: 'body', messages: [expect.stringContaining('{{ticket.numbr}}')] }]);
    expect((await manager.api.request('DELETE', `/api/v1/canned-replies/${own.json.id}`)).status).toBe(404);
    expect((await agent.api.request('DELETE', `/api/v1/canned-replies/${own.json.id}`)).status).toBe(204);
  });
});
