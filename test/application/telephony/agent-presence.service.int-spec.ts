import { type Principal, SettableClock } from '@madoguchi/common';
import { AgentPresenceService } from '@madoguchi/telephony';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('AgentPresenceService', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T09:00:00+09:00'));
  let app: ApplicationUnderTest;
  let presence: AgentPresenceService;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    presence = app.get(AgentPresenceService);
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('keeps an agent’s own availability (offline until set) and its intervals for the managers', async () => {
    const agent = await app.user('agent');
    expect(await presence.current(agent)).toEqual({ agents: [`user:${agent.userId}`], state: 'offline', reason: null });
    expect(await presence.set(app.as(agent), 'available', null)).toMatchObject({ state: 'available' });
    clock.set(Date.parse('2026-12-01T10:00:00+09:00'));
    expect(await presence.set(app.as(agent), 'paused', '研修')).toMatchObject({ state: 'paused', reason: '研修' });
    clock.set(Date.parse('2026-12-01T10:30:00+09:00'));
    const intervals = await presence.intervals(
      new Date('2026-12-01T09:00:00+09:00'),
      new Date('2026-12-01T11:00:00+09:00'),
      `user:${agent.userId}`,
    );
    expect(intervals).toEqual([
      expect.objectContaining({ userId: agent.userId, state: 'available', from: '2026-12-01T09:00:00+09:00' }),
      expect.objectContaining({ state: 'paused', reason: '研修', from: '2026-12-01T10:00:00+09:00' }),
    ]);
    expect(await presence.everyoneNow()).toContainEqual({
      agent: `user:${agent.userId}`,
      userId: agent.userId,
      state: 'paused',
    });
    expect(await app.audited('presence.set', agent.userId)).toHaveLength(2);
  });

  it('links a PBX agent name to a user, whose availability then follows that name', async () => {
    const agent = await app.user('agent');
    expect(await presence.link(app.as(manager), 'SIP/yamada', agent.userId)).toEqual({
      pbxAgent: 'SIP/yamada',
      userId: agent.userId,
    });
    expect(await presence.agentKeys(agent.userId)).toEqual(['SIP/yamada']);
    expect((await presence.links()).map((link) => [link.pbxAgent, link.userId])).toContainEqual([
      'SIP/yamada',
      agent.userId,
    ]);
    await presence.set(app.as(agent), 'available', null);
    expect(await presence.current(agent)).toMatchObject({ agents: ['SIP/yamada'], state: 'available' });
  });
});
