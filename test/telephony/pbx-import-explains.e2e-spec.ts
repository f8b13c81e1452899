import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { importPbxLog } from '../support/pbx-import';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'pbx import passphrase 2026';
/** Monday 2026-11-30 09:00 Japan time. */
const BASE = Date.parse('2026-11-30T09:00:00+09:00') / 1000;
const line = (offset: number, rest: string) => `${BASE + offset}|${rest}`;
const jst = (offsetSeconds: number) =>
  new Date((BASE + offsetSeconds) * 1000 + 9 * 3_600_000).toISOString().replace('.000Z', '+09:00');
const DAY = `from=${encodeURIComponent('2026-11-30T00:00:00+09:00')}&to=${encodeURIComponent('2026-12-01T00:00:00+09:00')}`;

describe('a PBX import that explains itself, and presence that holds only as far as the PBX has told', () => {
  let t: TestApp;
  let manager: ApiClient;
  let factories: Factories;
  const clock = new SettableClock(Date.parse('2026-11-30T15:00:00+09:00'));

  const importFile = (text: string | Buffer) => importPbxLog(manager, text);

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    factories = await Factories.for(t);
    manager = (await factories.staff('manager', { email: 'manager@example.jp', name: '佐々木', password: PASSWORD }))
      .api;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a database-table export of queue_log, and a file sent as the wrong format, before storing anything', async () => {
    const tableExport = readFileSync(join(__dirname, '../fixtures/asterisk-queue-log-export.csv'));
    const refused = await manager.upload('/api/v1/telephony/imports?format=asterisk-queue-log', tableExport);
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ code: 'import.wrong-format', mismatch: 'queue-log-table-export' });
    expect(refused.json.detail).toMatch(/exported from a database table/);
    const asCsv = await manager.upload('/api/v1/telephony/imports?format=csv', line(0, 'A|q|NONE|ENTERQUEUE||03|1'));
    expect(asCsv.json).toMatchObject({ code: 'import.wrong-format', mismatch: 'queue-log-as-call-csv' });
    expect((await manager.get('/api/v1/telephony/imports')).json.items).toEqual([]);
    // A Japanese client is told what the file really is, in Japanese.
    const japanese = await manager.upload(
      '/api/v1/telephony/imports?format=csv',
      line(0, 'A|q|NONE|ENTERQUEUE||03|1'),
      'text/plain',
      {
        'accept-language': 'ja',
      },
    );
    expect(japanese.json.detail).toBe(
      'ファイルが指定の形式ではありません。このファイルは Asterisk queue_log です。形式で「Asterisk queue_log」を選んでください。',
    );

    // The upload page says so in Japanese.
    const page = await manager.get('/phone/imports');
    expect(page.text).toContain('データベースのテーブルから書き出したもの');
  });

  it('imports the good calls of a file with poisoned lines, and groups the skipped ones by reason', async () => {
    const report = await importFile(
      [
        line(0, 'NONE|support|Agent/1|AGENTLOGIN|SIP/1'),
        line(60, `A|support|NONE|ENTERQUEUE||${'9'.repeat(150)}|1`), // a caller id anyone can choose
        line(61, 'B|support|NONE|ENTERQUEUE||0312345678|1'),
        `${BASE + 62}|C|support|NONE|ENTER\u0000QUEUE||03|1`,
        '\u0001\u0002\u00ff\u00fe binary junk',
        line(70, 'B|support|Agent/1|CONNECT|9|x|1'),
        line(80, 'D|support|NONE|ENTERQUEUE||0398765432|1'),
        line(90, 'D|support|NONE|ABANDON|1|1|99999999999999999999'),
        line(95, 'E|support|NONE|ENTERQUEUE||0311112222|1'),
        line(100, 'E|support|NONE|ABANDON|1|1|5'),
        line(3600, 'B|support|Agent/1|COMPLETECALLER|9|3530|1'),
        `${BASE + 3700}|${'x'.repeat(300)}|support|NONE|ENTERQUEUE||03|1`,
      ].join('\n'),
    );
    expect(report).toMatchObject({ status: 'completed', linesRead: 12, linesSkipped: 5, callsCreated: 3 });
    const groups = report.skippedByReason as Array<{
      reason: string;
      count: number;
      firstLines: Array<{ line: number }>;
    }>;
    expect(groups.map((g) => [g.reason, g.count, g.firstLines.map((l) => l.line)]).sort()).toEqual(
      [
        ['bad-number', 1, [8]],
        ['binary', 2, [4, 5]],
        ['too-long', 2, [2, 12]],
      ].sort(),
    );
    // Coverage: the first and the last event the file delivered (skipped lines tell nothing).
    expect(report.coverage).toEqual({ from: jst(0), to: jst(3600) });
    const calls = (await manager.get(`/api/v1/telephony/calls?${DAY}`)).json.items as Array<{
      pbxCallId: string;
      outcome: string;
    }>;
    expect(calls.map((c) => [c.pbxCallId, c.outcome]).sort()).toEqual([
      ['B', 'answered'],
      ['D', null],
      ['E', 'abandoned'],
    ]);
  });

  it('counts PBX presence only up to the last event the PBX delivered; the desk toggle counts after it', async () => {
    // Agent/1 logged in at 09:00 and never logged off; the PBX's data ends at 10:00. The clock reads 15:00.
    const operating = async () => (await manager.get(`/api/v1/kpi?${DAY}`)).json.kpis.supportOperatingRate;
    expect(await operating()).toMatchObject({ numerator: 3600, denominator: 5 * 3600 });
    expect((await manager.get('/kpi?month=2026-11')).text).toContain('PBX データは 11月30日(月) 10:00 まで');

    // An agent who sets themselves available at 14:00 on screen is counted from then.
    const { api: agent } = await factories.staff('agent', {
      email: 'agent@example.jp',
      name: '鈴木',
      password: PASSWORD,
    });
    clock.set(Date.parse('2026-11-30T14:00:00+09:00'));
    expect((await agent.request('PUT', '/api/v1/telephony/presence', { state: 'available' })).status).toBe(200);
    clock.set(Date.parse('2026-11-30T15:00:00+09:00'));
    expect(await operating()).toMatchObject({ numerator: 2 * 3600, denominator: 5 * 3600 });

    // A later file moves the horizon: the log-in now holds until its last event.
    await importFile(line(2 * 3600, 'NONE|NONE|NONE|QUEUESTART|'));
    expect(await operating()).toMatchObject({ numerator: 3 * 3600, denominator: 5 * 3600 });
  });
});
