import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { importPbxLog, openFeed } from '../support/pbx-import';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'live feed passphrase 2026';
const PBX_FEED_TOKEN = 'pbx-feed-secret-0123456789abcdef';
/** Tuesday 2026-12-01 09:00 Japan time. */
const BASE = Date.parse('2026-12-01T09:00:00+09:00') / 1000;
const line = (offset: number, rest: string) => `${BASE + offset}|${rest}\n`;
const TODAY = `from=${encodeURIComponent('2026-12-01T00:00:00+09:00')}&to=${encodeURIComponent('2026-12-02T00:00:00+09:00')}`;

/** A call that entered the queue at `offset` and was answered after `wait` seconds, talking `talk`. */
const answeredCall = (id: string, offset: number, wait: number, talk: number) =>
  line(offset, `${id}|support|NONE|ENTERQUEUE||0312345678|1`) +
  line(offset + wait, `${id}|support|Agent/1|CONNECT|${wait}|x|1`) +
  line(offset + wait + talk, `${id}|support|Agent/1|COMPLETECALLER|${wait}|${talk}|1`);

describe('live PBX feed: lines imported as they arrive, with the same idempotency as file imports', () => {
  let t: TestApp;
  let manager: ApiClient;
  let managerToken: string;
  const clock = new SettableClock(Date.parse('2026-12-01T16:00:00+09:00'));
  const offeredToday = async () => (await manager.get(`/api/v1/kpi?${TODAY}`)).json.calls.offered as number;

  beforeAll(async () => {
    t = await startTestApp({ PBX_FEED_TOKEN }, { clock });
    const factories = await Factories.for(t);
    ({ api: manager, token: managerToken } = await factories.staff('manager', {
      email: 'manager@example.jp',
      name: '佐々木',
      password: PASSWORD,
    }));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('imports a chunked feed line by line, interleaved with a file import of the same calls, counting each call once', async () => {
    const feed = openFeed(t.baseUrl, `Bearer ${PBX_FEED_TOKEN}`);
    await feed.write(line(0, 'NONE|NONE|Agent/1|AGENTLOGIN|SIP/1') + answeredCall('A', 60, 10, 120));
    // A line cut in two by the network is imported once its end arrives.
    const call = answeredCall('B', 600, 20, 200);
    await feed.write(call.slice(0, 25));
    await waitFor(async () => (await offeredToday()) === 1, 'call A to be counted while the feed is open');
    await feed.write(call.slice(25));
    await waitFor(async () => (await offeredToday()) === 2, 'call B to be counted');

    // Last night's file arrives with the same two calls and one more, while the feed is still open.
    const file = await importPbxLog(
      manager,
      answeredCall('A', 60, 10, 120) + answeredCall('B', 600, 20, 200) + answeredCall('C', 900, 5, 60),
    );
    expect(file).toMatchObject({ status: 'completed', callsCreated: 1 });
    await feed.write(answeredCall('C', 900, 5, 60) + answeredCall('D', 1800, 40, 90));
    const report = await feed.end();
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({
      status: 'completed',
      live: true,
      linesRead: 13,
      linesSkipped: 0,
      callsCreated: 3,
    });
    expect(report.json.coverage).toMatchObject({ to: '2026-12-01T09:32:10+09:00' });

    const kpis = (await manager.get(`/api/v1/kpi?${TODAY}`)).json;
    expect(kpis.calls).toMatchObject({ offered: 4, answered: 4, abandoned: 0 });
    // Answered within 30 s: A (10), B (20), C (5); D waited 40 s.
    expect(kpis.kpis.serviceLevel).toMatchObject({ numerator: 3, denominator: 4 });
  });

  it('lets in a manager or the PBX token, nobody else', async () => {
    const stranger = await openFeed(t.baseUrl, 'Bearer not-the-pbx-token-000000000000').end();
    expect(stranger.status).toBe(401);
    const asManager = openFeed(t.baseUrl, `Bearer ${managerToken}`);
    await asManager.write(line(3600, 'NONE|NONE|NONE|QUEUESTART|'));
    expect((await asManager.end()).json).toMatchObject({ status: 'completed', linesRead: 1 });
  });
});
