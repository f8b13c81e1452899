import { type Principal, SettableClock } from '@madoguchi/common';
import { KpiReportService } from '@madoguchi/kpi';

import { type ApplicationUnderTest, startApplication } from '../../support/application';
import { queueLogFrom } from '../../support/pbx-import';

/** Monday 30 November 2026, 09:00 in Tokyo; the desk opens 9–12 and 13–17 (7 hours). */
const { line } = queueLogFrom('2026-11-30T09:00:00+09:00');
const MONDAY = { from: new Date('2026-11-30T00:00:00+09:00'), to: new Date('2026-12-01T00:00:00+09:00') };

describe('KpiReportService', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T09:00:00+09:00'));
  let app: ApplicationUnderTest;
  let reports: KpiReportService;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    reports = app.get(KpiReportService);
    manager = await app.user('manager');
    await app.importQueueLog(manager, [
      // A: left after 30 s (abandoned). B: answered after 10 s (within the 20 s target). C: after 45 s.
      line(60, 'A|support|NONE|ENTERQUEUE||0312345678|1'),
      line(90, 'A|support|NONE|ABANDON|1|1|30'),
      line(600, 'B|support|NONE|ENTERQUEUE||0333334444|1'),
      line(610, 'B|support|Agent/1001|CONNECT|10|1764461410.1|2'),
      line(910, 'B|support|Agent/1001|COMPLETECALLER|10|300|1'),
      line(14_400, 'C|support|NONE|ENTERQUEUE||0355556666|1'),
      line(14_445, 'C|support|Agent/1002|CONNECT|45|1764475245.1|3'),
      line(14_745, 'C|support|Agent/1002|COMPLETEAGENT|45|300|1'),
    ]);
  });

  afterAll(() => app?.close());

  it('computes the published rates with their numerators and denominators, on definition version 1', async () => {
    const report = await reports.report(MONDAY);
    expect(report).toMatchObject({ from: '2026-11-30T00:00:00+09:00', timeZone: 'Asia/Tokyo', definitionVersion: 1 });
    expect(report.calls).toEqual({ offered: 3, answered: 2, abandoned: 1, timeout: 0, shortAbandons: 0 });
    expect(report.kpis.abandonmentRate).toEqual({ value: 0.333333, numerator: 1, denominator: 3 });
    expect(report.kpis.serviceLevel).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(report.kpis.responseTimeComplianceRate.byChannel.phone).toEqual({
      value: 0.333333,
      numerator: 1,
      denominator: 3,
    });
    // Nobody was available: seven open hours, none staffed.
    expect(report.kpis.supportOperatingRate).toEqual({ value: 0, numerator: 0, denominator: 7 * 3600 });
    expect(report.kpis.averageSpeedOfAnswerSeconds).toEqual({ value: 27.5, numerator: 55, denominator: 2 });
  });

  it('groups by day into groups that add up to the total, and counts no open time still to come', async () => {
    const week = { from: new Date('2026-11-30T00:00:00+09:00'), to: new Date('2026-12-07T00:00:00+09:00') };
    const grouped = await reports.report({ ...week, groupBy: 'day' });
    // A day with no figure (nothing happened, or it has not come yet) has no group.
    expect(grouped.groups!.map((group) => group.key)).toEqual(['2026-11-30']);
    expect(grouped.groups![0]!.calls).toEqual(grouped.calls);
    // The clock reads Tuesday 09:00: only Monday's seven open hours have happened.
    expect(grouped.kpis.supportOperatingRate).toEqual({ value: 0, numerator: 0, denominator: 7 * 3600 });
  });
});
