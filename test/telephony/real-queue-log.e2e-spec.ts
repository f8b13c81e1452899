import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';

import { CalendarService } from '@madoguchi/business-calendar';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const EXPORT = join(__dirname, '../fixtures/asterisk-queue-log-export.csv');

type ExportRow = Record<
  'date_time' | 'callid' | 'queue_name' | 'type' | 'event' | 'param1' | 'param2' | 'param3',
  string
> &
  Record<'entpos' | 'expos' | 'htime' | 'ttime', string>;

/**
 * The reporting tool's table moved each event's numbers into its own columns (htime: wait or ring
 * time, ttime: talk time, entpos/expos: positions); put them back where Asterisk writes them.
 */
function eventData(row: ExportRow): string[] {
  switch (row.event) {
    case 'ENTERQUEUE':
      return ['', row.param1, row.entpos];
    case 'RINGNOANSWER':
      return [row.htime];
    case 'CONNECT':
      return [row.htime, row.param2, row.param3];
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT':
      return [row.htime, row.ttime, row.entpos];
    case 'ABANDON':
    case 'EXITWITHTIMEOUT':
    case 'EXITEMPTY':
      return [row.expos, row.entpos, row.htime];
    case 'BLINDTRANSFER':
    case 'ATTENDEDTRANSFER':
      return [row.param1, row.param2, row.htime, row.ttime, row.entpos];
    default:
      return [row.param1, row.param2, row.param3];
  }
}

const TERMINAL: Record<string, string> = {
  COMPLETECALLER: 'answered',
  COMPLETEAGENT: 'answered',
  ABANDON: 'abandoned',
  EXITWITHTIMEOUT: 'timeout',
  EXITEMPTY: 'exit-empty',
  EXITWITHKEY: 'exit-key',
  BLINDTRANSFER: 'transferred',
  ATTENDEDTRANSFER: 'transferred',
};

describe('the real PBX export in ../shared/data, imported as a queue_log', () => {
  let t: TestApp;
  let manager: ApiClient;
  const rows = parse(readFileSync(EXPORT), { columns: true }) as ExportRow[];

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await (await Factories.for(t)).staff('manager')).api;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives one call per queued call id, each outcome as the log ended it, and the talk time line for line', async () => {
    const queueLog = rows
      .map((row) => [row.date_time, row.callid, row.queue_name, row.type, row.event, ...eventData(row)].join('|'))
      .join('\n');
    const accepted = await manager.upload('/api/v1/telephony/imports', queueLog);
    let report: Record<string, unknown> = {};
    await waitFor(async () => {
      report = (await manager.get(`/api/v1/telephony/imports/${accepted.json.id}`)).json;
      return report.status === 'completed';
    }, 'the import to finish');

    // The expectation, straight from the export: terminal events per call, talk time on answered calls.
    const queued = new Set(rows.filter((row) => row.event === 'ENTERQUEUE').map((row) => row.callid));
    const outcomes = new Map(
      rows.filter((row) => row.event in TERMINAL).map((row) => [row.callid, TERMINAL[row.event]!]),
    );
    const talk = rows
      .filter((row) => row.event === 'COMPLETECALLER' || row.event === 'COMPLETEAGENT')
      .reduce((sum, row) => sum + Number(row.ttime), 0);
    const outbound = rows.filter((row) => row.event.startsWith('OUT')).length;

    expect(report).toMatchObject({ linesRead: rows.length, linesSkipped: 0, unknownEvents: outbound });
    expect(report.callsCreated).toBe(queued.size);
    const calls: Array<{ pbxCallId: string; outcome: string | null; talkSeconds: number | null }> = [];
    let cursor: string | null = null;
    do {
      const page: { items: typeof calls; nextCursor: string | null } = (
        await manager.get(`/api/v1/telephony/calls?limit=1000${cursor ? `&cursor=${cursor}` : ''}`)
      ).json;
      calls.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(calls.map((call) => call.pbxCallId))).toEqual(queued);
    for (const call of calls)
      expect([call.pbxCallId, call.outcome]).toEqual([call.pbxCallId, outcomes.get(call.pbxCallId) ?? null]);
    expect(
      calls.filter((call) => call.outcome === 'answered').reduce((sum, call) => sum + (call.talkSeconds ?? 0), 0),
    ).toBe(talk);
  });

  it('counts a call as answered from its CONNECT, in offered, answered and service level, as a reference fold of the export says', async () => {
    // The file was imported by the test above; it is from a US desk, so the desk's hours are read in New York time.
    const { id: _id, ...definition } = (await manager.get('/api/v1/calendars/support-hours')).json;
    const moved = await manager.request('PUT', '/api/v1/calendars/support-hours', {
      ...definition,
      timeZone: 'America/New_York',
    });
    expect([moved.status, moved.json.errors]).toEqual([200, undefined]);
    // The reference: each queued call, by its events.
    const calendar = await t.app.get(CalendarService).calendar('support-hours');
    const calls = new Map<string, { entered: number; connected: boolean; wait: number | null; end: string | null }>();
    for (const row of rows) {
      const call = calls.get(row.callid);
      if (row.event === 'ENTERQUEUE')
        calls.set(row.callid, { entered: Number(row.date_time) * 1000, connected: false, wait: null, end: null });
      else if (call && row.event === 'CONNECT') Object.assign(call, { connected: true, wait: Number(row.htime) });
      else if (call && row.event in TERMINAL) call.end = TERMINAL[row.event]!;
    }
    const open = [...calls.values()].filter((call) => calendar.isOpen(call.entered));
    const offered = open.filter((call) => call.connected || call.end !== null);
    const answered = offered.filter((call) => call.connected || call.end === 'answered' || call.end === 'transferred');
    // The log holds calls connected and still talking, or transferred, when it ends: the rule matters here.
    expect(offered.length).toBeGreaterThan(
      open.filter((call) => call.end === 'answered' || call.end === 'abandoned').length,
    );

    const period = `from=${encodeURIComponent('2018-11-29T00:00:00+09:00')}&to=${encodeURIComponent('2018-12-06T00:00:00+09:00')}`;
    const report = (await manager.get(`/api/v1/kpi?${period}`)).json;
    expect(report.calls).toMatchObject({
      offered: offered.length,
      answered: answered.length,
      abandoned: offered.filter((call) => call.end === 'abandoned').length,
    });
    const withinTarget = answered.filter((call) => call.wait !== null && call.wait <= 30).length;
    expect(report.kpis.serviceLevel).toMatchObject({ numerator: withinTarget, denominator: answered.length });
    // Talk time is only known once a call has ended: AHT is taken over the ended calls.
    const ended = answered.filter((call) => call.end !== null).length;
    expect(report.kpis.averageHandleTimeSeconds.denominator).toBe(ended);
  });
});
