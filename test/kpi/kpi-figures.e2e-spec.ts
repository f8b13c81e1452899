import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { createMigratedTestDatabase, describeWithPostgres, type TestDatabase } from '../support/services';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { at, buildWeek, PASSWORD, PERIOD } from './kpi-week';

const DIMENSIONS = ['channel', 'agent', 'category', 'priority', 'organization'];

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
      const make = await Factories.for(t);
      manager = (await make.staff('manager', { email: 'manager@example.jp', name: 'manager', password: PASSWORD })).api;
      await make.staff('agent', { email: 'agent@example.jp', name: 'agent', password: PASSWORD });
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
          // First replies in the period: T7 15 min, T1 2 h, T2 5.5 business hours (Fri 15-17, Tue 9-12, 13-13:30).
          firstResponseBusinessSeconds: { medianSeconds: 7200, p90Seconds: 7200 + 0.8 * (19800 - 7200), count: 3 },
          reopenRate: figure(1, 4),
          // Solved in the period: T1 6.5 h, T7 7.5 h, T6 21 h less 7 h pending, T8 22 h.
          resolutionBusinessSeconds: {
            medianSeconds: (27000 + 50400) / 2,
            p90Seconds: 50400 + 0.7 * (79200 - 50400),
            count: 4,
          },
        },
      });
    });

    it('lists the tickets behind the ticket KPIs, split by met and missed, on the API and the page', async () => {
      const list = async (query: string) =>
        (await manager.get(`/api/v1/kpi/tickets?${PERIOD}&${query}`)).json.items as Array<{
          number: string;
          met: boolean;
        }>;
      // Web 2 of 3 and e-mail 0 of 1 in time: the web/e-mail part of response-time compliance.
      const due = await list('measure=first-response');
      expect(due).toHaveLength(4);
      expect((await list('measure=first-response&met=true')).map((t) => t.number).sort()).toEqual(
        due
          .filter((t) => t.met)
          .map((t) => t.number)
          .sort(),
      );
      expect(await list('measure=first-response&met=true')).toHaveLength(2);
      expect(await list('measure=first-response&met=false')).toHaveLength(2);
      // Completion within standard time: 3 of 4 solved in time.
      expect(await list('measure=resolution')).toHaveLength(4);
      expect(await list('measure=resolution&met=false')).toHaveLength(1);
      expect((await manager.get(`/api/v1/kpi/tickets?${PERIOD}&measure=calls`)).status).toBe(400);
      const page = await manager.get('/kpi/tickets?measure=resolution&month=2026-11&met=false');
      expect(page.status).toBe(200);
      const [late] = await list('measure=resolution&met=false');
      expect(page.text).toContain(late!.number);
    });

    it('groups by day in Japan time; a new definition version leaves short abandons out, the old one still reproduces', async () => {
      const byDay = (await manager.get(`/api/v1/kpi?${PERIOD}&groupBy=day`)).json.groups;
      const day = (key: string) => byDay.find((g: { key: string }) => g.key === key);
      expect(day('2026-11-20').kpis.supportOperatingRate).toEqual(figure(6.5 * 3600, 7 * 3600));
      expect(day('2026-11-20').calls.offered).toBe(5);
      expect(day('2026-11-24').kpis.supportOperatingRate).toEqual(figure(3 * 3600, 7 * 3600));
      expect(day('2026-11-24').calls.offered).toBe(2);

      // Friday afternoon alone: agent A has been available since 08:30, before the period began.
      const afternoon = (
        await manager.get(
          `/api/v1/kpi?from=${encodeURIComponent('2026-11-20T12:00:00+09:00')}&to=${encodeURIComponent('2026-11-20T18:00:00+09:00')}`,
        )
      ).json;
      expect(afternoon.kpis.supportOperatingRate).toEqual(figure(4 * 3600, 4 * 3600));

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

    it('adds every grouping up to the ungrouped figures, with time group keys inside the period', async () => {
      const whole = (await manager.get(`/api/v1/kpi?${PERIOD}&version=1`)).json;
      const parts = (figure: { numerator?: number; denominator?: number } | null) =>
        figure && 'numerator' in figure ? [figure.numerator, figure.denominator] : null;
      for (const grouping of [
        'groupBy=day',
        'groupBy=week',
        'groupBy=month',
        ...DIMENSIONS.map((d) => `dimension=${d}`),
      ]) {
        const grouped = (await manager.get(`/api/v1/kpi?${PERIOD}&version=1&${grouping}`)).json;
        for (const [name, total] of Object.entries(whole.kpis) as Array<[string, { numerator?: number }]>) {
          if (!parts(total as never) || name === 'incidentsNotifiedWithinHour') continue;
          // Operating time and availability have no dimension: by dimension they are only in the total.
          if (['supportOperatingRate', 'serviceAvailability'].includes(name) && grouping.startsWith('dimension'))
            continue;
          const sum = [0, 1].map((i) =>
            grouped.groups.reduce(
              (acc: number, group: { kpis: Record<string, never> }) => acc + parts(group.kpis[name])![i]!,
              0,
            ),
          );
          expect([grouping, name, sum]).toEqual([grouping, name, parts(total as never)]);
        }
        if (grouping.startsWith('groupBy'))
          for (const group of grouped.groups) expect(group.key >= '2026-11-16' && group.key < '2026-11-25').toBe(true);
      }
    });

    it('counts operating time up to now only: the month so far, and no figure for a day still to come', async () => {
      const month = `from=${encodeURIComponent('2026-11-01T00:00:00+09:00')}&to=${encodeURIComponent('2026-12-01T00:00:00+09:00')}`;
      const report = (await manager.get(`/api/v1/kpi?${month}&version=1`)).json;
      // The clock reads Wed 25th 10:00: 15 open weekdays before it (3rd and 23rd are holidays) and 9-10 today.
      expect(report.kpis.supportOperatingRate).toEqual(figure(9.5 * 3600, (15 * 7 + 1) * 3600));
      const byDay = (await manager.get(`/api/v1/kpi?${month}&version=1&groupBy=day`)).json.groups;
      const day = (key: string) => byDay.find((g: { key: string }) => g.key === key);
      expect(day('2026-11-25')?.kpis.supportOperatingRate).toEqual(figure(0, 3600));
      expect(day('2026-11-26')?.kpis.supportOperatingRate ?? null).toBeNull();
    });

    it('labels agent groups by name: the linked user, else the PBX agent, and the unassigned in words', async () => {
      const admin = t.api.as(await t.api.login(ADMIN.email, ADMIN.password));
      const users: Array<{ id: string; email: string }> = (await admin.get('/api/v1/users')).json.items;
      const agentId = users.find((u) => u.email === 'agent@example.jp')!.id;
      const unlinked = (await manager.get(`/api/v1/kpi?${PERIOD}&dimension=agent`)).json.groups;
      expect(unlinked.map((g: { label: string }) => g.label).sort()).toEqual(['Agent/A', 'Unassigned']);
      expect(unlinked.find((g: { label: string }) => g.label === 'Unassigned').key).toBe('(none)');
      expect((await manager.post('/api/v1/telephony/agents', { pbxAgent: 'Agent/A', userId: agentId })).status).toBe(
        201,
      );
      const linked = (await manager.get(`/api/v1/kpi?${PERIOD}&dimension=agent&version=1`)).json.groups;
      expect(linked.find((g: { key: string }) => g.key === agentId)).toMatchObject({
        label: 'agent',
        calls: { offered: 7 },
      });
      const page = await manager.get('/kpi?month=2026-11');
      expect(page.text).not.toContain(agentId);
      expect(page.text).toContain('未割り当て');
    });

    it('answers CSV, groups by channel, and refuses bad queries field by field', async () => {
      const csv = await manager.request('GET', `/api/v1/kpi?${PERIOD}&version=1`, undefined, { accept: 'text/csv' });
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.text.split('\n')).toContain('total,abandonmentRate,0.285714,2,7,1,total');
      expect(csv.text.split('\n')).toContain('total,responseTimeComplianceRate.web,0.666667,2,3,1,total');
      // The dashboard's download button: format=csv, as a file named after the period.
      const download = await manager.get(`/api/v1/kpi?${PERIOD}&version=1&groupBy=day&format=csv`);
      expect(download.headers.get('content-disposition')).toBe(
        'attachment; filename="madoguchi-kpi-2026-11-20-2026-11-25.csv"',
      );
      expect(download.text.split('\n')).toContain('2026-11-24,abandonmentRate,0,0,2,1,2026-11-24');
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
    database = await createMigratedTestDatabase();
    return { DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await database?.drop();
  });
});
