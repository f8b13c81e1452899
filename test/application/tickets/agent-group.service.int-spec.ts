import { type Principal, ValidationFailedError } from '@madoguchi/common';
import { UserService } from '@madoguchi/identity';
import { AgentGroupService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('AgentGroupService', () => {
  let app: ApplicationUnderTest;
  let groups: AgentGroupService;
  let manager: Principal;
  let agents: Principal[];

  beforeAll(async () => {
    app = await startApplication();
    groups = app.get(AgentGroupService);
    manager = await app.user('manager');
    agents = [await app.user('agent'), await app.user('agent')];
  });

  afterAll(() => app?.close());

  it('creates a group of active staff, trimmed and without repeats, with its audit entry', async () => {
    const [first, second] = agents.map((agent) => agent.userId);
    const group = await groups.create(app.as(manager), { name: '  請求チーム ', memberIds: [first!, second!, first!] });
    expect(group).toEqual({ id: expect.any(String), name: '請求チーム', memberIds: [first, second] });
    expect(await groups.list()).toContainEqual({ ...group, memberIds: expect.arrayContaining([first, second]) });
    expect(await groups.groupIdsOf(first!)).toEqual([group.id]);
    expect(await app.audited('group.create', group.id)).toEqual([
      { actorId: manager.userId, summary: { name: '請求チーム', memberIds: [first, second] } },
    ]);
  });

  it('refuses a customer, a deactivated agent or an unknown id as a member, and writes nothing', async () => {
    const organizationId = await app.organization();
    const customer = await app.user('customer', { organizationId });
    const departed = await app.user('agent');
    await app.get(UserService).update(app.as(manager), departed.userId, { active: false });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const attempt = groups.create(app.as(manager), {
      name: '混成',
      memberIds: [agents[0]!.userId, customer.userId, departed.userId, unknown],
    });
    await expect(attempt).rejects.toThrow(ValidationFailedError);
    await expect(attempt).rejects.toMatchObject({
      fieldProblems: [
        { field: 'memberIds', messages: [`not active staff: ${customer.userId}, ${departed.userId}, ${unknown}`] },
      ],
    });
    expect((await groups.list()).map((group) => group.name)).not.toContain('混成');
  });

  it('renames and replaces members; a taken name or an unknown group is refused', async () => {
    const group = await groups.create(app.as(manager), { name: '一次受付', memberIds: [agents[0]!.userId] });
    const renamed = await groups.update(app.as(manager), group.id, {
      name: '一次対応',
      memberIds: [agents[1]!.userId],
    });
    expect(renamed).toEqual({ id: group.id, name: '一次対応', memberIds: [agents[1]!.userId] });
    // Its own name again is no conflict; another group's is.
    await expect(groups.update(app.as(manager), group.id, { name: '一次対応', memberIds: [] })).resolves.toBeDefined();
    await expect(groups.update(app.as(manager), group.id, { name: '請求チーム', memberIds: [] })).rejects.toMatchObject(
      { code: 'group.name-taken' },
    );
    await expect(
      groups.update(app.as(manager), '00000000-0000-4000-8000-000000000001', { name: '無', memberIds: [] }),
    ).rejects.toMatchObject({ code: 'group.not-found' });
  });
});
