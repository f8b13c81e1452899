import type { Principal } from '@madoguchi/common';
import { SlaPolicyService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const HOUR = 3_600_000;

describe('SlaPolicyService', () => {
  let app: ApplicationUnderTest;
  let policies: SlaPolicyService;
  let manager: Principal;
  const phoneVip = {
    name: 'VIP 電話',
    conditions: { channel: 'phone', priority: 'high' },
    calendarId: 'support-hours',
    firstResponseMs: HOUR,
    resolutionMs: 8 * HOUR,
  };

  beforeAll(async () => {
    app = await startApplication();
    policies = app.get(SlaPolicyService);
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('applies a policy at once to the tickets it matches, in the order of positions', async () => {
    // Seeded: urgent at 10, the catch-all standard (4 h / 21 h) at 1000.
    const created = await policies.create(app.as(manager), { ...phoneVip, position: 20 });
    expect(created).toMatchObject({ ...phoneVip, position: 20, id: expect.any(String) });
    const traits = { channel: 'phone', priority: 'high', category: null, organizationId: null };
    const standard = { firstResponseMs: 4 * HOUR, resolutionMs: 21 * HOUR };
    expect(await policies.targetsFor(traits)).toMatchObject({ firstResponseMs: HOUR, resolutionMs: 8 * HOUR });
    expect(await policies.targetsFor({ ...traits, channel: 'web' })).toMatchObject(standard);
    // Moved behind the catch-all, it never matches first.
    await policies.update(app.as(manager), created.id, { ...phoneVip, position: 2000 });
    expect(await policies.targetsFor(traits)).toMatchObject(standard);
    expect(await app.audited('sla-policy.update', created.id)).toHaveLength(1);
  });

  it('refuses an unknown calendar and a taken position together, and an unknown policy', async () => {
    const [first] = await policies.list();
    await expect(
      policies.create(app.as(manager), { ...phoneVip, calendarId: 'no-such', position: first!.position }),
    ).rejects.toMatchObject({
      fieldProblems: [
        { field: 'calendarId', messages: ['no business calendar has this id'] },
        { field: 'position', messages: [`position ${first!.position} is taken by “${first!.name}”`] },
      ],
    });
    await expect(
      policies.update(app.as(manager), '00000000-0000-4000-8000-000000000000', { ...phoneVip, position: 500 }),
    ).rejects.toMatchObject({ code: 'sla-policy.not-found' });
  });
});
