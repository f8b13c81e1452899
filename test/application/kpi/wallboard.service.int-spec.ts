import { type Principal, SettableClock } from '@madoguchi/common';
import { WallboardService } from '@madoguchi/kpi';
import { AgentPresenceService } from '@madoguchi/telephony';

import { type ApplicationUnderTest, startApplication } from '../../support/application';
import { queueLogFrom } from '../../support/pbx-import';

/** Tuesday 1 December 2026, 10:00 in Tokyo. */
const { base: BASE, line } = queueLogFrom('2026-12-01T10:00:00+09:00');

describe('WallboardService', () => {
  const clock = new SettableClock((BASE + 300) * 1000);
  let app: ApplicationUnderTest;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('shows the calls waiting now, who is available, on a call or paused, and today’s figures', async () => {
    const [suzuki, sato] = [await app.user('agent', { name: '鈴木' }), await app.user('agent', { name: '佐藤' })];
    const presence = app.get(AgentPresenceService);
    await presence.link(app.as(manager), 'Agent/1001', suzuki.userId);
    await app.importQueueLog(manager, [
      line(0, 'NONE|NONE|Agent/1001|AGENTLOGIN|SIP/1001'),
      line(60, 'A|support|NONE|ENTERQUEUE||0312345678|1'),
      line(70, 'A|support|Agent/1001|CONNECT|10|1764550870.1|2'),
      line(240, 'B|support|NONE|ENTERQUEUE||0333334444|1'),
      // The PBX has delivered up to now: its agents' states hold until here.
      line(300, 'NONE|NONE|NONE|QUEUESTART|'),
    ]);
    await presence.set(app.as(sato), 'paused', '休憩');
    const board = await app.get(WallboardService).now();
    expect(board.at).toBe('2026-12-01T10:05:00+09:00');
    // B has waited since 10:04.
    expect(board.waiting).toEqual({ calls: 1, longestWaitSeconds: 60 });
    expect(board.agents).toMatchObject({ available: 0, onCall: 1, paused: 1 });
    expect(board.agents.list.map((agent) => [agent.name, agent.state])).toEqual([
      ['佐藤', 'paused'],
      ['鈴木', 'on-call'],
    ]);
    // B, still waiting, is counted once it is answered or leaves the queue.
    expect(board.today.calls).toMatchObject({ offered: 1, answered: 1 });
    expect(board.today.serviceLevel).toEqual({ value: 1, numerator: 1, denominator: 1 });
    expect(board.pbxHorizon).toBe('2026-12-01T10:05:00+09:00');
  });
});
