import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { importPbxLog } from '../support/pbx-import';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** Monday 2026-11-30 09:00 Japan time. */
const BASE = Date.parse('2026-11-30T09:00:00+09:00') / 1000;
const jst = (offsetSeconds: number) =>
  new Date((BASE + offsetSeconds) * 1000 + 9 * 3_600_000).toISOString().replace('.000Z', '+09:00');
const line = (offset: number, rest: string) => `${BASE + offset}|${rest}`;

/** Day one of the PBX log: every event we read, three malformed lines, one unknown event; call J is cut off. */
const FIRST_FILE = [
  line(0, 'NONE|support|Agent/1001|ADDMEMBER|'),
  line(0, 'NONE|NONE|Agent/1001|AGENTLOGIN|SIP/1001'),
  line(5, 'NONE|support|Agent/1002|ADDMEMBER|'),
  line(10, 'NONE|NONE|NONE|QUEUESTART|'),
  line(60, 'A|support|NONE|ENTERQUEUE||0312345678|1'),
  line(63, 'A|support|NONE|ABANDON|1|1|3'),
  line(120, 'B|support|NONE|ENTERQUEUE||0311112222|1'),
  line(125, 'B|support|Agent/1001|RINGNOANSWER|5000'),
  line(420, 'B|support|NONE|EXITWITHTIMEOUT|1|1|300'),
  line(600, 'C|support|NONE|ENTERQUEUE||0333334444|1'),
  line(645, 'C|support|Agent/1002|CONNECT|45|1764461445.99|4'),
  line(765, 'C|support|Agent/1002|BLINDTRANSFER|2001|from-internal|45|120|1'),
  line(900, 'D|support|NONE|ENTERQUEUE||09011112222|1'),
  line(910, 'D|support|Agent/1001|CONNECT|10|1764461710.5|2'),
  line(1210, 'D|support|Agent/1001|COMPLETECALLER|10|300|1'),
  'this is not a queue_log line',
  line(1300, 'E|support|NONE|ENTERQUEUE||0355556666|1'),
  line(1320, 'E|support|NONE|EXITWITHKEY|1|1|1|20'),
  line(1400, 'F|support|NONE|ENTERQUEUE||0377778888|1'),
  line(1401, 'F|support|NONE|EXITEMPTY|1|1|1'),
  line(1500, 'G|support|NONE|ENTERQUEUE||0399990000|1'),
  line(1530, 'G|support|Agent/1002|CONNECT|30|1764462330.7|3'),
  line(1590, 'G|support|Agent/1002|ATTENDEDTRANSFER|LINK|SIP/1002-0001|SIP/2001-0002|30|60|1'),
  'yesterday|H|support|NONE|ENTERQUEUE||0311110000|1',
  line(1600, 'H|support|NONE|ENTERQUEUE||0311110000|1'),
  line(1602, 'H|support|Agent/1001|CONNECT|2|1764462402.1|1'),
  line(1662, 'H|support|Agent/1001|COMPLETEAGENT|2|60|1'),
  line(1663, 'H|support|Agent/1001|COMPLETEAGENT|two|60|1'),
  line(1700, 'NONE|support|Agent/1001|PAUSE|break'),
  line(2000, 'NONE|support|Agent/1001|UNPAUSE|'),
  line(2100, 'NONE|NONE|Agent/1002|PAUSEALL|after-call work'),
  line(2200, 'NONE|NONE|Agent/1002|UNPAUSEALL|'),
  line(2300, 'NONE|NONE|NONE|SOMEVENDOREVENT|x'),
  line(2400, 'J|support|NONE|ENTERQUEUE||0312121212|1'),
  line(2410, 'J|support|Agent/1001|CONNECT|10|1764463210.2|3'),
].join('\n');

/** The next file: call J ends, agents leave, and call K is still waiting when the log stops. */
const SECOND_FILE = [
  line(2710, 'J|support|Agent/1001|COMPLETECALLER|10|300|1'),
  line(2800, 'NONE|support|Agent/1001|REMOVEMEMBER|'),
  line(2800, 'NONE|NONE|Agent/1001|AGENTLOGOFF|SIP/1001|2800'),
  line(2900, 'NONE|support|Agent/1002|REMOVEMEMBER|'),
  line(2950, 'K|support|NONE|ENTERQUEUE||0300000000|1'),
].join('\r\n');

const call = (
  pbxCallId: string,
  fields: {
    caller: string;
    entered: number;
    answered?: number;
    ended?: number;
    outcome: string | null;
    wait?: number;
    talk?: number;
    agent?: string;
  },
) => ({
  id: expect.any(String),
  pbxCallId,
  source: 'asterisk',
  direction: 'inbound',
  queue: 'support',
  callerNumber: fields.caller,
  enteredAt: jst(fields.entered),
  enteredAtEstimated: false,
  answeredAt: fields.answered === undefined ? null : jst(fields.answered),
  endedAt: fields.ended === undefined ? null : jst(fields.ended),
  outcome: fields.outcome,
  waitSeconds: fields.wait ?? null,
  talkSeconds: fields.talk ?? null,
  agent: fields.agent ?? null,
  ticketId: null,
  summary: null,
});

describe('telephony: Asterisk queue_log import, calls, presence and closures over HTTP', () => {
  let t: TestApp;
  let manager: ApiClient;
  let agent: ApiClient;
  let customer: ApiClient;
  const clock = new SettableClock(Date.parse('2026-11-30T08:00:00+09:00'));

  const importFile = (text: string | Buffer) => importPbxLog(manager, text);
  const callsOfTheDay = async () =>
    (
      await manager.get(
        `/api/v1/telephony/calls?from=${encodeURIComponent(jst(0))}&to=${encodeURIComponent(jst(86_400))}&limit=100`,
      )
    ).json.items as Array<Record<string, unknown>>;

  beforeAll(async () => {
    t = await startTestApp({ IMPORT_MAX_MB: '3' }, { clock });
    const factories = await Factories.for(t);
    const org = await factories.organization('株式会社さくら商事');
    manager = (await factories.staff('manager', { email: 'manager@example.jp' })).api;
    agent = (await factories.staff('agent', { email: 'agent@example.jp' })).api;
    customer = (await factories.customer(org.id, { email: 'customer@sakura.example.jp' })).api;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('imports a day of queue_log into calls, field by field, and reports malformed lines by number', async () => {
    const report = await importFile(FIRST_FILE);
    expect(report).toMatchObject({
      status: 'completed',
      progress: 1,
      linesRead: 35,
      callsCreated: 9,
      callsUpdated: 0,
      linesSkipped: 3,
      unknownEvents: 1,
      errors: [
        { line: 16, reason: expect.stringContaining('expected at least 5') },
        { line: 24, reason: expect.stringContaining('is not a Unix epoch') },
        { line: 28, reason: expect.stringContaining('hold time "two"') },
      ],
    });
    expect(await callsOfTheDay()).toEqual([
      call('A', { caller: '0312345678', entered: 60, ended: 63, outcome: 'abandoned', wait: 3 }),
      call('B', { caller: '0311112222', entered: 120, ended: 420, outcome: 'timeout', wait: 300 }),
      call('C', {
        caller: '0333334444',
        entered: 600,
        answered: 645,
        ended: 765,
        outcome: 'transferred',
        wait: 45,
        talk: 120,
        agent: 'Agent/1002',
      }),
      call('D', {
        caller: '09011112222',
        entered: 900,
        answered: 910,
        ended: 1210,
        outcome: 'answered',
        wait: 10,
        talk: 300,
        agent: 'Agent/1001',
      }),
      call('E', { caller: '0355556666', entered: 1300, ended: 1320, outcome: 'exit-key', wait: 20 }),
      call('F', { caller: '0377778888', entered: 1400, ended: 1401, outcome: 'exit-empty', wait: 1 }),
      call('G', {
        caller: '0399990000',
        entered: 1500,
        answered: 1530,
        ended: 1590,
        outcome: 'transferred',
        wait: 30,
        talk: 60,
        agent: 'Agent/1002',
      }),
      call('H', {
        caller: '0311110000',
        entered: 1600,
        answered: 1602,
        ended: 1662,
        outcome: 'answered',
        wait: 2,
        talk: 60,
        agent: 'Agent/1001',
      }),
      // Cut off mid-call: answered, not yet ended, so no outcome.
      call('J', { caller: '0312121212', entered: 2400, answered: 2410, outcome: null, wait: 10, agent: 'Agent/1001' }),
    ]);
  });

  it('completes the call cut between two files when the second arrives; re-importing either changes nothing', async () => {
    expect(await importFile(SECOND_FILE)).toMatchObject({
      status: 'completed',
      linesRead: 5,
      callsCreated: 1,
      callsUpdated: 1,
      linesSkipped: 0,
      errors: [],
    });
    const calls = await callsOfTheDay();
    expect(calls.find((c) => c.pbxCallId === 'J')).toEqual(
      call('J', {
        caller: '0312121212',
        entered: 2400,
        answered: 2410,
        ended: 2710,
        outcome: 'answered',
        wait: 10,
        talk: 300,
        agent: 'Agent/1001',
      }),
    );
    // A call still waiting when the log ends has no outcome.
    expect(calls.find((c) => c.pbxCallId === 'K')).toEqual(
      call('K', { caller: '0300000000', entered: 2950, outcome: null }),
    );

    for (const file of [FIRST_FILE, SECOND_FILE])
      expect(await importFile(file)).toMatchObject({ status: 'completed', callsCreated: 0, callsUpdated: 0 });
    expect(await callsOfTheDay()).toEqual(calls);
  });

  it('pages through calls with a cursor and filters by outcome and agent', async () => {
    const period = `from=${encodeURIComponent(jst(0))}&to=${encodeURIComponent(jst(86_400))}`;
    const first = (await manager.get(`/api/v1/telephony/calls?${period}&limit=4`)).json;
    const second = (await manager.get(`/api/v1/telephony/calls?${period}&limit=4&cursor=${first.nextCursor}`)).json;
    const third = (await manager.get(`/api/v1/telephony/calls?${period}&limit=4&cursor=${second.nextCursor}`)).json;
    expect([...first.items, ...second.items, ...third.items].map((c: { pbxCallId: string }) => c.pbxCallId)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
      'F',
      'G',
      'H',
      'J',
      'K',
    ]);
    expect(third.nextCursor).toBeNull();
    const transferred = (await manager.get(`/api/v1/telephony/calls?${period}&outcome=transferred`)).json.items;
    expect(transferred.map((c: { pbxCallId: string }) => c.pbxCallId)).toEqual(['C', 'G']);
    const waiting = (await manager.get(`/api/v1/telephony/calls?${period}&outcome=waiting`)).json.items;
    expect(waiting.map((c: { pbxCallId: string }) => c.pbxCallId)).toEqual(['K']);
    const byAgent = (await manager.get(`/api/v1/telephony/calls?${period}&agent=Agent%2F1001`)).json.items;
    expect(byAgent.map((c: { pbxCallId: string }) => c.pbxCallId)).toEqual(['D', 'H', 'J']);
    const bad = await manager.get(`/api/v1/telephony/calls?from=yesterday&outcome=lost`);
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'outcome']);
  });

  it('builds presence intervals from the log that agree with the same day toggled from the desk', async () => {
    const userId = (await agent.get('/api/v1/users/me')).json.id;
    expect((await manager.post('/api/v1/telephony/agents', { pbxAgent: 'SIP/2001', userId })).status).toBe(201);
    // The agent toggles exactly what Agent/1001's PBX lines say.
    const toggles: Array<[number, string, string?]> = [
      [0, 'available'],
      [1700, 'paused', 'break'],
      [2000, 'available'],
      [2800, 'offline'],
    ];
    for (const [offset, state, reason] of toggles) {
      clock.set((BASE + offset) * 1000);
      const response = await agent.request('PUT', '/api/v1/telephony/presence', { state, reason });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ agents: ['SIP/2001'], state, reason: reason ?? null });
    }
    const intervals = async (name: string) =>
      (
        await manager.get(
          `/api/v1/telephony/presence?from=${encodeURIComponent(jst(0))}&to=${encodeURIComponent(jst(3600))}&agent=${encodeURIComponent(name)}`,
        )
      ).json.items.map(({ state, reason, from, to }: Record<string, unknown>) => ({ state, reason, from, to }));
    const expected = [
      { state: 'available', reason: null, from: jst(0), to: jst(1700) },
      { state: 'paused', reason: 'break', from: jst(1700), to: jst(2000) },
      { state: 'available', reason: null, from: jst(2000), to: jst(2800) },
      { state: 'offline', reason: null, from: jst(2800), to: null },
    ];
    expect(await intervals('Agent/1001')).toEqual(expected);
    expect(await intervals('SIP/2001')).toEqual(expected);
    expect(await intervals('Agent/1002')).toEqual([
      { state: 'available', reason: null, from: jst(5), to: jst(2100) },
      { state: 'paused', reason: 'after-call work', from: jst(2100), to: jst(2200) },
      { state: 'available', reason: null, from: jst(2200), to: jst(2900) },
      { state: 'offline', reason: null, from: jst(2900), to: null },
    ]);
  });

  it('lets agents log calls and open a phone ticket from one; managers record desk closures', async () => {
    clock.set(Date.parse('2026-11-30T15:00:00+09:00'));
    const logged = await agent.post('/api/v1/telephony/calls', {
      direction: 'outbound',
      callerNumber: '03-1234-5678',
      startedAt: '2026-11-30T14:00:00+09:00',
      durationSeconds: 180,
      summary: '請求書の再発行について折り返し',
    });
    expect(logged.status).toBe(201);
    expect(logged.json).toMatchObject({
      source: 'manual',
      direction: 'outbound',
      enteredAt: '2026-11-30T14:00:00+09:00',
      endedAt: '2026-11-30T14:03:00+09:00',
      talkSeconds: 180,
      outcome: 'answered',
    });
    const ticket = await agent.post(`/api/v1/telephony/calls/${logged.json.id}/ticket`, {
      name: '山田 花子',
      email: 'yamada@sakura.example.jp',
      subject: '電話: 請求書の再発行',
    });
    expect(ticket.status).toBe(201);
    const opened = (await agent.get(`/api/v1/tickets/${ticket.json.ticketId}`)).json;
    expect(opened).toMatchObject({ channel: 'phone', number: ticket.json.number, subject: '電話: 請求書の再発行' });
    expect(opened.messages[0].body).toBe('請求書の再発行について折り返し');
    expect((await agent.get(`/api/v1/telephony/calls/${logged.json.id}`)).json.ticketId).toBe(ticket.json.ticketId);
    expect(
      (
        await agent.post(`/api/v1/telephony/calls/${logged.json.id}/ticket`, {
          name: '山田 花子',
          email: 'yamada@sakura.example.jp',
          subject: 'again',
        })
      ).status,
    ).toBe(409);

    const closure = { startsAt: '2026-11-30T10:00:00+09:00', endsAt: '2026-11-30T11:30:00+09:00', reason: 'PBX 障害' };
    expect((await agent.post('/api/v1/telephony/closures', closure)).status).toBe(403);
    const recorded = await manager.post('/api/v1/telephony/closures', closure);
    expect(recorded.status).toBe(201);
    const backwards = await manager.post('/api/v1/telephony/closures', { ...closure, endsAt: closure.startsAt });
    expect(backwards.status).toBe(422);
    const listed = await agent.get(
      `/api/v1/telephony/closures?from=${encodeURIComponent('2026-11-30T00:00:00+09:00')}&to=${encodeURIComponent('2026-12-01T00:00:00+09:00')}`,
    );
    expect(listed.json.items).toEqual([expect.objectContaining({ ...closure, id: recorded.json.id })]);
  });

  it('imports a file of several chunks, counting calls cut at chunk edges once; refuses one over IMPORT_MAX_MB', async () => {
    const bigLog = (calls: number) =>
      Array.from({ length: calls }, (_, n) => {
        const at = BASE + 86_400 + n * 3;
        const id = `big-${n}`;
        return `${at}|${id}|support|NONE|ENTERQUEUE||0312345678|1\n${at + 1}|${id}|support|Agent/1001|CONNECT|1|x.${n}|1\n${at + 2}|${id}|support|Agent/1001|COMPLETEAGENT|1|1|1`;
      }).join('\n');
    const twoAndAHalfMb = bigLog(14_000);
    expect(twoAndAHalfMb.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(await importFile(twoAndAHalfMb)).toMatchObject({
      status: 'completed',
      linesRead: 42_000,
      callsCreated: 14_000,
      callsUpdated: 0,
      linesSkipped: 0,
    });
    const answered = await manager.get(
      `/api/v1/telephony/calls?from=${encodeURIComponent(jst(86_400))}&outcome=answered&limit=1000`,
    );
    expect(answered.json.items).toHaveLength(1000);
    expect(answered.json.items.every((c: { talkSeconds: number }) => c.talkSeconds === 1)).toBe(true);

    const tooLarge = await manager.upload('/api/v1/telephony/imports', bigLog(20_000));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.code).toBe('import.too-large');
    const imports = (await manager.get('/api/v1/telephony/imports')).json.items;
    expect(imports.every((i: { status: string }) => i.status === 'completed')).toBe(true);
  });

  it('imports the documented call CSV of other PBXs', async () => {
    const csv = [
      'call_id,queue,caller_number,entered_at,answered_at,ended_at,outcome,agent',
      'pbx-1,support,0312345678,2026-12-02T10:00:00+09:00,2026-12-02T10:00:20+09:00,2026-12-02T10:04:20+09:00,answered,Suzuki',
      'pbx-2,support,0398765432,2026-12-02T10:10:00+09:00,,2026-12-02T10:10:05+09:00,abandoned,',
      'pbx-3,support,0300000000,tomorrow,,,,',
    ].join('\n');
    const accepted = await manager.upload('/api/v1/telephony/imports?format=csv', csv, 'text/csv');
    expect(accepted.status).toBe(202);
    await waitFor(
      async () => (await manager.get(`/api/v1/telephony/imports/${accepted.json.id}`)).json.status === 'completed',
      'the CSV import to finish',
    );
    expect((await manager.get(`/api/v1/telephony/imports/${accepted.json.id}`)).json).toMatchObject({
      linesRead: 4,
      callsCreated: 2,
      linesSkipped: 1,
      errors: [{ line: 4, reason: expect.stringContaining('entered_at "tomorrow"') }],
    });
    const calls = (
      await manager.get(`/api/v1/telephony/calls?from=${encodeURIComponent('2026-12-02T00:00:00+09:00')}&limit=10`)
    ).json.items;
    expect(
      calls.map((c: Record<string, unknown>) => [c.source, c.pbxCallId, c.outcome, c.waitSeconds, c.talkSeconds]),
    ).toEqual([
      ['csv', 'pbx-1', 'answered', 20, 240],
      ['csv', 'pbx-2', 'abandoned', 5, null],
    ]);
  });

  it('lets only managers import; agents log calls; customers see none of it', async () => {
    expect((await agent.upload('/api/v1/telephony/imports', FIRST_FILE)).status).toBe(403);
    expect((await customer.upload('/api/v1/telephony/imports', FIRST_FILE)).status).toBe(403);
    expect((await t.api.upload('/api/v1/telephony/imports', FIRST_FILE)).status).toBe(401);
    for (const path of [
      '/api/v1/telephony/calls',
      '/api/v1/telephony/presence/me',
      `/api/v1/telephony/closures?from=${encodeURIComponent(jst(0))}&to=${encodeURIComponent(jst(60))}`,
    ])
      expect((await customer.get(path)).status).toBe(403);
    expect((await agent.get('/api/v1/telephony/imports')).status).toBe(403);
    expect(
      (
        await agent.get(
          `/api/v1/telephony/presence?from=${encodeURIComponent(jst(0))}&to=${encodeURIComponent(jst(60))}`,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await customer.post('/api/v1/telephony/calls', {
          direction: 'inbound',
          callerNumber: '0312345678',
          startedAt: '2026-11-30T14:00:00+09:00',
          durationSeconds: 1,
          summary: 'x',
        })
      ).status,
    ).toBe(403);
  });
});
