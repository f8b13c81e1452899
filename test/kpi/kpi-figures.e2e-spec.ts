import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { SettableClock, SYSTEM_CONTEXT } from '@madoguchi/common';
import { dataSourceOptionsFor } from '@madoguchi/database';
import { DirectoryRepository, principalOf } from '@madoguchi/identity';
import { SlaScanUseCase, TicketCommands, TicketOpener } from '@madoguchi/tickets';

import type { ApiClient } from '../support/api-client';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../support/services';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'kpi passphrase 2026';
const at = (local: string) => Date.parse(`${local}+09:00`);
/** Friday 2026-11-20 to Wednesday 2026-11-25: a weekend and Monday 23rd (勤労感謝の日) in between. */
const PERIOD = `from=${encodeURIComponent('2026-11-20T00:00:00+09:00')}&to=${encodeURIComponent('2026-11-25T00:00:00+09:00')}`;

/**
 * The hand-built week. Open time: Fri 20 and Tue 24, 9-12 and 13-17 = 14 h. Agent A is available
 * all Friday and Tuesday morning; agent B on Tuesday morning, paused all afternoon; the desk was
 * closed Fri 10:00-10:30. So 9.5 of 14 open hours had an agent and no closure.
 */
async function buildWeek(t: TestApp) {
  const dataSource = t.app.get(DataSource);
  const presence: Array<[string, string, string, string?]> = [
    ['Agent/A', '2026-11-20T08:30:00', 'available'],
    ['Agent/A', '2026-11-20T17:30:00', 'offline'],
    ['Agent/A', '2026-11-24T09:00:00', 'available'],
    ['Agent/A', '2026-11-24T12:00:00', 'offline'],
    ['Agent/B', '2026-11-24T09:00:00', 'available'],
    ['Agent/B', '2026-11-24T13:00:00', 'paused', 'afternoon off the phones'],
    ['Agent/B', '2026-11-24T17:00:00', 'offline'],
  ];
  for (const [agent, when, state, reason] of presence)
    await dataSource.query(
      `INSERT INTO agent_presence_change (agent, at, state, reason, source) VALUES ($1, $2, $3, $4, 'pbx')`,
      [agent, new Date(at(when)), state, reason ?? null],
    );
  const admin = (await dataSource.query(`SELECT id FROM app_user WHERE role = 'admin' LIMIT 1`))[0].id;
  await dataSource.query(
    `INSERT INTO desk_closure (id, starts_at, ends_at, reason, created_by) VALUES ($1, $2, $3, 'PBX 障害', $4)`,
    [randomUUID(), new Date(at('2026-11-20T10:00:00')), new Date(at('2026-11-20T10:30:00')), admin],
  );

  // [entered, outcome, wait, talk, source]; answered calls are answered `wait` seconds after entering.
  const calls: Array<[string, string | null, number | null, number | null, string?]> = [
    ['2026-11-20T09:10:00', 'answered', 20, 300], // within the 30 s target
    ['2026-11-20T09:20:00', 'answered', 45, 120],
    ['2026-11-20T09:30:00', 'abandoned', 3, null], // a short abandon once the threshold is 5 s
    ['2026-11-20T09:40:00', 'abandoned', 40, null],
    ['2026-11-20T11:59:50', 'answered', 3620, 100], // entered while open, answered 13:00:10 after lunch
    ['2026-11-20T12:30:00', 'abandoned', 10, null], // entered during lunch: not offered
    ['2026-11-21T10:00:00', 'answered', 5, 60], // Saturday: not offered
    ['2026-11-23T10:00:00', 'answered', 5, 60], // public holiday: not offered
    ['2026-11-24T10:00:00', 'timeout', 300, null],
    ['2026-11-24T10:05:00', null, null, null], // still waiting: not offered until it ends
    ['2026-11-24T10:10:00', 'answered', 0, 90, 'manual'], // logged by hand, not a queue call
    ['2026-11-24T14:00:00', 'answered', 10, 200],
  ];
  for (const [entered, outcome, wait, talk, source] of calls) {
    const enteredAt = at(entered);
    const answeredAt = outcome === 'answered' ? enteredAt + wait! * 1000 : null;
    await dataSource.query(
      `INSERT INTO telephony_call (id, source, pbx_call_id, queue, entered_at, answered_at, ended_at, outcome,
                                   wait_seconds, talk_seconds, agent)
       VALUES ($1, $2, $3, 'support', $4, $5, $6, $7, $8, $9, 'Agent/A')`,
      [
        randomUUID(),
        source ?? 'asterisk',
        entered,
        new Date(enteredAt),
        answeredAt === null ? null : new Date(answeredAt),
        outcome === null ? null : new Date((answeredAt ?? enteredAt + (wait ?? 0) * 1000) + (talk ?? 0) * 1000),
        outcome,
        wait,
        talk,
      ],
    );
  }

  const agentUser = await t.app.get(DirectoryRepository).userByEmail('agent@example.jp');
  const agent = { ...SYSTEM_CONTEXT, actor: principalOf(agentUser!) };
  const commands = t.app.get(TicketCommands);
  const open = async (channel: 'web' | 'email' | 'phone', created: string) =>
    (
      await dataSource.transaction((manager) =>
        t.app.get(TicketOpener).open(
          manager,
          SYSTEM_CONTEXT,
          {
            organizationId: null,
            requesterId: null,
            requesterName: '顧客',
            requesterEmail: 'customer@example.jp',
            requesterCompany: null,
            requesterPhone: null,
            requesterLanguage: 'ja',
            channel,
            category: 'general',
            subject: `${channel} ${created}`,
            body: '問い合わせ',
          },
          at(created),
        ),
      )
    ).id;
  const reply = (id: string, when: string) => commands.addMessage(agent, id, { body: '回答します' }, at(when));
  const status = (id: string, to: 'pending' | 'open' | 'solved', when: string) =>
    commands.update(agent, id, { status: to }, at(when));

  // T1 web Fri 09:00: first response due Fri 14:00, answered 11:00; solved Fri 15:00 (due Wed 17:00).
  const t1 = await open('web', '2026-11-20T09:00:00');
  await reply(t1, '2026-11-20T11:00:00');
  await status(t1, 'solved', '2026-11-20T15:00:00');
  // T2 web Fri 15:00: due Tue 11:00 (weekend and holiday skipped), answered late Tue 13:30.
  const t2 = await open('web', '2026-11-20T15:00:00');
  await reply(t2, '2026-11-24T13:30:00');
  // T3 e-mail Thu 16:00: due Fri 12:00, never answered.
  await open('email', '2026-11-19T16:00:00');
  // T4 web Tue 16:00: due Wed 12:00, after the period.
  await open('web', '2026-11-24T16:00:00');
  // T5 phone Fri 10:00: phone tickets are measured by their calls, not here; due Fri 14:00, never answered.
  await open('phone', '2026-11-20T10:00:00');
  // T6 web Thu 19 09:00: resolution due Tue 17:00, moved 7 business hours by Thu 11:00 - Fri 11:00 pending
  // to Wed 17:00, so solving Tue 17:30 is in time.
  const t6 = await open('web', '2026-11-19T09:00:00');
  await reply(t6, '2026-11-19T10:00:00');
  await status(t6, 'pending', '2026-11-19T11:00:00');
  await status(t6, 'open', '2026-11-20T11:00:00');
  await status(t6, 'solved', '2026-11-24T17:30:00');
  // T7 web Fri 09:30: first response due Fri 14:30, answered 09:45; solved Tue 10:00 (due Thu 09:30).
  const t7 = await open('web', '2026-11-20T09:30:00');
  await reply(t7, '2026-11-20T09:45:00');
  await status(t7, 'solved', '2026-11-24T10:00:00');
  // T8 web Tue 17th 09:00: resolution due Thu 19 17:00, solved late Fri 10:00.
  const t8 = await open('web', '2026-11-17T09:00:00');
  await reply(t8, '2026-11-17T09:30:00');
  await status(t8, 'solved', '2026-11-20T10:00:00');

  await t.app.get(SlaScanUseCase).scan(at('2026-11-25T10:00:00'));
}

const figure = (numerator: number, denominator: number, digits = 6) => ({
  value: Number((numerator / denominator).toFixed(digits)),
  numerator,
  denominator,
});

function kpiSuite(name: string, overrides: () => Promise<Record<string, string>>) {
  describe(name, () => {
    let t: TestApp;
    let manager: ApiClient;

    beforeAll(async () => {
      t = await startTestApp(await overrides(), { clock: new SettableClock(at('2026-11-25T10:00:00')) });
      const admin = t.api.as(await t.api.login(ADMIN.email, ADMIN.password));
      for (const role of ['manager', 'agent'])
        await admin.post('/api/v1/users', { email: `${role}@example.jp`, name: role, password: PASSWORD, role });
      manager = t.api.as(await t.api.login('manager@example.jp', PASSWORD));
      await buildWeek(t);
    });

    afterAll(async () => {
      await t?.close();
    });

    it('computes every KPI of the week as worked out by hand', async () => {
      const response = await manager.get(`/api/v1/kpi?${PERIOD}`);
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        from: '2026-11-20T00:00:00+09:00',
        to: '2026-11-25T00:00:00+09:00',
        definitionVersion: 1,
        calls: { offered: 7, answered: 4, abandoned: 2, timeout: 1, shortAbandons: 0 },
        kpis: {
          // 9.5 of 14 open hours.
          supportOperatingRate: figure(9.5 * 3600, 14 * 3600),
          abandonmentRate: figure(2, 7),
          responseTimeComplianceRate: {
            ...figure(4, 11),
            byChannel: { phone: figure(2, 7), web: figure(2, 3), email: figure(0, 1) },
          },
          completionWithinStandardTimeRate: figure(3, 4),
          serviceLevel: figure(2, 4),
          averageSpeedOfAnswerSeconds: figure(20 + 45 + 3620 + 10, 4, 1),
          averageHandleTimeSeconds: figure(300 + 120 + 100 + 200, 4, 1),
          abandonedCalls: { value: 2 },
          abandonedCallsIncludingShort: { value: 2 },
          // T3 (e-mail) and T5 (phone) passed their first-response due time unanswered.
          slaBreaches: { value: 2 },
          backlog: { value: 4 },
        },
      });
    });

    it('groups by day in Japan time; a new definition version leaves short abandons out, the old one still reproduces', async () => {
      const byDay = (await manager.get(`/api/v1/kpi?${PERIOD}&groupBy=day`)).json.groups;
      const day = (key: string) => byDay.find((g: { key: string }) => g.key === key);
      expect(day('2026-11-20').kpis.supportOperatingRate).toEqual(figure(6.5 * 3600, 7 * 3600));
      expect(day('2026-11-20').calls.offered).toBe(5);
      expect(day('2026-11-24').kpis.supportOperatingRate).toEqual(figure(3 * 3600, 7 * 3600));
      expect(day('2026-11-24').calls.offered).toBe(2);

      const revised = await manager.post('/api/v1/kpi/definitions', { shortAbandonSeconds: 5, note: 'short abandons' });
      expect([revised.status, revised.json.errors]).toEqual([201, undefined]);
      expect(revised.json.version).toBe(2);
      const v2 = (await manager.get(`/api/v1/kpi?${PERIOD}`)).json;
      expect(v2.definitionVersion).toBe(2);
      expect(v2.calls).toEqual({ offered: 6, answered: 4, abandoned: 1, timeout: 1, shortAbandons: 1 });
      expect(v2.kpis.abandonmentRate).toEqual(figure(1, 6));
      expect(v2.kpis.abandonedCallsIncludingShort).toEqual({ value: 2 });
      const v1 = (await manager.get(`/api/v1/kpi?${PERIOD}&version=1`)).json;
      expect(v1.kpis.abandonmentRate).toEqual(figure(2, 7));
    });

    it('answers CSV, groups by channel, and refuses bad queries field by field', async () => {
      const csv = await manager.request('GET', `/api/v1/kpi?${PERIOD}&version=1`, undefined, { accept: 'text/csv' });
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.text.split('\n')).toContain('total,abandonmentRate,0.285714,2,7,1');
      expect(csv.text.split('\n')).toContain('total,responseTimeComplianceRate.web,0.666667,2,3,1');
      const byChannel = (await manager.get(`/api/v1/kpi?${PERIOD}&dimension=channel&version=1`)).json.groups;
      const email = byChannel.find((g: { key: string }) => g.key === 'email');
      expect(email.kpis.responseTimeComplianceRate.byChannel.email).toEqual(figure(0, 1));
      const bad = await manager.get(
        `/api/v1/kpi?from=yesterday&to=${encodeURIComponent('2026-11-25T00:00:00+09:00')}&groupBy=year`,
      );
      expect(bad.status).toBe(400);
      expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'groupBy']);
      const agent = t.api.as(await t.api.login('agent@example.jp', PASSWORD));
      expect((await agent.get(`/api/v1/kpi?${PERIOD}`)).status).toBe(403);
    });
  });
}

kpiSuite('KPIs on the embedded database', async () => ({}));

describeWithPostgres('KPIs on Postgres', () => {
  let database: TestDatabase;
  kpiSuite('the same week gives the same figures', async () => {
    database = await createTestDatabase();
    const migrator = await new DataSource(
      await dataSourceOptionsFor({ kind: 'postgres', url: database.url }),
    ).initialize();
    await migrator.runMigrations();
    await migrator.destroy();
    return { DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await database?.drop();
  });
});
