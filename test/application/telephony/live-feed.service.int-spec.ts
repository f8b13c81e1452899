import type { Principal } from '@madoguchi/common';
import { CallQueryService, LiveFeedService } from '@madoguchi/telephony';

import { type ApplicationUnderTest, startApplication } from '../../support/application';
import { queueLogFrom } from '../../support/pbx-import';

const { base: BASE, line } = queueLogFrom('2026-11-30T09:00:00+09:00');

describe('LiveFeedService', () => {
  let app: ApplicationUnderTest;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication();
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('imports a feed’s lines as they arrive and answers its report when it ends', async () => {
    const queries = app.get(CallQueryService);
    async function* feed() {
      yield line(60, 'A|support|NONE|ENTERQUEUE||0312345678|1');
      // Split mid-line, as a network read may: the line is imported whole.
      yield line(70, 'A|support|Agent/1001|CONNECT|10|1764461470.1|2').slice(0, 20);
      yield line(70, 'A|support|Agent/1001|CONNECT|10|1764461470.1|2').slice(20);
      yield 'not a queue_log line\n';
    }
    const report = await app.get(LiveFeedService).receive(app.as(manager), feed());
    expect(report).toMatchObject({ live: true, linesRead: 3, callsCreated: 1, linesSkipped: 1 });
    const calls = await queries.list({ from: new Date(BASE * 1000), to: new Date((BASE + 600) * 1000) }, 10);
    // Connected and not yet ended: answered at its CONNECT, with no outcome until it ends.
    expect(calls.items.map((call) => [call.pbxCallId, call.answeredAt, call.outcome])).toEqual([
      ['A', '2026-11-30T09:01:10+09:00', null],
    ]);
  });
});
