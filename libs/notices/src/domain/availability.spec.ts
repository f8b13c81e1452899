import {
  availabilityOver,
  combinedAvailability,
  DEFAULT_AVAILABILITY_RULES as RULES,
  type ImpactSpan,
  impactSpans,
  type MaintenanceSpan,
} from './availability';

const at = (local: string) => Date.parse(`${local}+09:00`);
const day = (date: string) => ({ from: at(`${date}T00:00:00`), to: at(`${date}T00:00:00`) + 86_400_000 });
const LATER = at('2030-01-01T00:00:00');
const figure = (
  period: { from: number; to: number },
  impacts: ImpactSpan[],
  maintenance: MaintenanceSpan[] = [],
  rules = RULES,
  now = LATER,
) => availabilityOver(period, impacts, maintenance, rules, now);

describe('service availability (稼働率), hand-computed', () => {
  it('splits an outage over midnight and a month boundary between the days and months it touched', () => {
    const outage: ImpactSpan[] = [
      { from: at('2026-10-31T23:30:00'), to: at('2026-11-01T00:30:00'), impact: 'major-outage' },
    ];
    expect(figure(day('2026-10-31'), outage)).toMatchObject({ downtimeSeconds: 1800, providedSeconds: 86_400 });
    expect(figure(day('2026-11-01'), outage)).toMatchObject({ downtimeSeconds: 1800, providedSeconds: 86_400 });
    const october = figure({ from: at('2026-10-01T00:00:00'), to: at('2026-11-01T00:00:00') }, outage);
    expect(october).toEqual({
      downtimeSeconds: 1800,
      providedSeconds: 31 * 86_400,
      value: (31 * 86_400 - 1800) / (31 * 86_400),
      worstImpact: 'major-outage',
    });
  });

  it('follows an impact change mid-incident: major whole, partial by half, degraded not at all', () => {
    const incident: ImpactSpan[] = [
      { from: at('2026-12-01T10:00:00'), to: at('2026-12-01T10:20:00'), impact: 'major-outage' },
      { from: at('2026-12-01T10:20:00'), to: at('2026-12-01T11:00:00'), impact: 'partial-outage' },
      { from: at('2026-12-01T11:00:00'), to: at('2026-12-01T15:00:00'), impact: 'degraded' },
    ];
    expect(figure(day('2026-12-01'), incident).downtimeSeconds).toBe(1200 + 0.5 * 2400);
    expect(figure(day('2026-12-01'), incident, [], { ...RULES, partialOutageWeight: 1 }).downtimeSeconds).toBe(3600);
  });

  it('takes planned maintenance out of the provided time, an outage inside it included', () => {
    const maintenance: MaintenanceSpan[] = [
      { from: at('2026-12-06T02:00:00'), to: at('2026-12-06T04:00:00'), emergency: false },
    ];
    const outage: ImpactSpan[] = [
      { from: at('2026-12-06T03:00:00'), to: at('2026-12-06T05:00:00'), impact: 'major-outage' },
    ];
    expect(figure(day('2026-12-06'), outage, maintenance)).toMatchObject({
      providedSeconds: 86_400 - 7200,
      downtimeSeconds: 3600,
      worstImpact: 'major-outage',
    });
    expect(figure(day('2026-12-06'), [], maintenance)).toMatchObject({
      providedSeconds: 86_400 - 7200,
      downtimeSeconds: 0,
      value: 1,
      worstImpact: 'maintenance',
    });
  });

  it('counts emergency maintenance as downtime unless the definition takes it out', () => {
    const emergency: MaintenanceSpan[] = [
      { from: at('2026-12-07T12:00:00'), to: at('2026-12-07T13:00:00'), emergency: true },
    ];
    expect(figure(day('2026-12-07'), [], emergency)).toMatchObject({ providedSeconds: 86_400, downtimeSeconds: 3600 });
    expect(figure(day('2026-12-07'), [], emergency, { ...RULES, emergencyMaintenanceIsDowntime: false })).toMatchObject(
      { providedSeconds: 86_400 - 3600, downtimeSeconds: 0 },
    );
  });

  it('counts two incidents on one service at once once, at the worse weight', () => {
    const incidents: ImpactSpan[] = [
      { from: at('2026-12-02T10:00:00'), to: at('2026-12-02T11:00:00'), impact: 'major-outage' },
      { from: at('2026-12-02T10:30:00'), to: at('2026-12-02T12:00:00'), impact: 'partial-outage' },
    ];
    expect(figure(day('2026-12-02'), incidents).downtimeSeconds).toBe(3600 + 0.5 * 3600);
  });

  it('has a 29 February of 24 hours, in a February and a year that count it', () => {
    const outage: ImpactSpan[] = [
      { from: at('2028-02-29T23:00:00'), to: at('2028-03-01T01:00:00'), impact: 'major-outage' },
    ];
    expect(figure(day('2028-02-29'), outage)).toMatchObject({ providedSeconds: 86_400, downtimeSeconds: 3600 });
    expect(figure({ from: at('2028-02-01T00:00:00'), to: at('2028-03-01T00:00:00') }, outage).providedSeconds).toBe(
      29 * 86_400,
    );
    expect(figure({ from: at('2028-01-01T00:00:00'), to: at('2029-01-01T00:00:00') }, outage)).toMatchObject({
      providedSeconds: 366 * 86_400,
      downtimeSeconds: 7200,
    });
  });

  it('counts an ongoing incident and a day in progress only up to now', () => {
    const now = at('2026-12-03T12:00:00');
    const ongoing: ImpactSpan[] = [{ from: at('2026-12-03T11:00:00'), to: null, impact: 'major-outage' }];
    expect(figure(day('2026-12-03'), ongoing, [], RULES, now)).toMatchObject({
      providedSeconds: 12 * 3600,
      downtimeSeconds: 3600,
    });
    expect(figure(day('2026-12-04'), ongoing, [], RULES, now)).toEqual({
      downtimeSeconds: 0,
      providedSeconds: 0,
      value: null,
      worstImpact: null,
    });
  });

  it('gives the disclosure’s own figure: 8,736 h provided in a year with 24 h of planned maintenance, 99.99 %', () => {
    // Twelve monthly windows of two hours, 2025-04 to 2026-03 (a 365-day fiscal year).
    const maintenance: MaintenanceSpan[] = Array.from({ length: 12 }, (_, index) => {
      const month = new Date(Date.UTC(2025, 3 + index, 1)).toISOString().slice(0, 7);
      const from = at(`${month}-10T02:00:00`);
      return { from, to: from + 2 * 3_600_000, emergency: false };
    });
    const providedHours = 365 * 24 - 24;
    expect(providedHours).toBe(8736);
    // 0.01 % of 8,736 h down: 3,144.96 s, here one outage of 3,145 s.
    const outage: ImpactSpan[] = [
      { from: at('2025-08-01T09:00:00'), to: at('2025-08-01T09:00:00') + 3_145_000, impact: 'major-outage' },
    ];
    const year = figure({ from: at('2025-04-01T00:00:00'), to: at('2026-04-01T00:00:00') }, outage, maintenance);
    expect(year.providedSeconds).toBe(providedHours * 3600);
    expect(year.downtimeSeconds).toBe(3145);
    expect(Number((year.value! * 100).toFixed(2))).toBe(99.99);
  });

  it('adds services up for the overall figure: every service’s time counts', () => {
    const up = figure(day('2026-12-01'), []);
    const down = figure(day('2026-12-01'), [
      { from: at('2026-12-01T00:00:00'), to: at('2026-12-01T12:00:00'), impact: 'major-outage' },
    ]);
    expect(combinedAvailability([up, down])).toEqual({
      downtimeSeconds: 43_200,
      providedSeconds: 172_800,
      value: 0.75,
    });
  });

  it('adds the days of a month up to the month, half seconds of a partial outage included', () => {
    const incident: ImpactSpan[] = [
      { from: at('2026-11-30T23:59:59.900'), to: at('2026-12-01T00:00:00.700'), impact: 'partial-outage' },
      { from: at('2026-12-03T08:00:01'), to: at('2026-12-04T01:00:00'), impact: 'partial-outage' },
    ];
    const month = figure({ from: at('2026-12-01T00:00:00'), to: at('2027-01-01T00:00:00') }, incident);
    const days = Array.from({ length: 31 }, (_, index) =>
      figure(day(`2026-12-${String(index + 1).padStart(2, '0')}`), incident),
    );
    expect(combinedAvailability(days)).toEqual({
      downtimeSeconds: month.downtimeSeconds,
      providedSeconds: month.providedSeconds,
      value: month.value,
    });
    // Taken to whole seconds: 23:59:59.9 counts from 23:59:59, so the first second of December is not down.
    expect(days[0]!.downtimeSeconds).toBe(0);
    expect(month.downtimeSeconds).toBe(0.5 * (16 * 3600 - 1 + 3600));
  });
});

describe('an incident’s impact spans', () => {
  const step = (
    local: string,
    status: 'investigating' | 'identified' | 'monitoring' | 'resolved',
    impact: ImpactSpan['impact'],
  ) => ({
    at: at(local),
    status,
    impact,
  });

  it('runs from detection, follows each impact change and ends at resolution', () => {
    expect(
      impactSpans(at('2026-12-01T09:50:00'), [
        step('2026-12-01T10:05:00', 'investigating', 'major-outage'),
        step('2026-12-01T10:20:00', 'identified', 'major-outage'),
        step('2026-12-01T10:40:00', 'monitoring', 'degraded'),
        step('2026-12-01T11:00:00', 'resolved', 'degraded'),
      ]),
    ).toEqual([
      { from: at('2026-12-01T09:50:00'), to: at('2026-12-01T10:40:00'), impact: 'major-outage' },
      { from: at('2026-12-01T10:40:00'), to: at('2026-12-01T11:00:00'), impact: 'degraded' },
    ]);
  });

  it('is still in force while unresolved, and starts again from a reopening', () => {
    expect(
      impactSpans(at('2026-12-01T10:00:00'), [
        step('2026-12-01T10:00:00', 'investigating', 'partial-outage'),
        step('2026-12-01T11:00:00', 'resolved', 'partial-outage'),
        step('2026-12-01T13:00:00', 'investigating', 'major-outage'),
      ]),
    ).toEqual([
      { from: at('2026-12-01T10:00:00'), to: at('2026-12-01T11:00:00'), impact: 'partial-outage' },
      { from: at('2026-12-01T13:00:00'), to: null, impact: 'major-outage' },
    ]);
  });

  it('holds nothing for an incident recorded as already resolved', () => {
    expect(impactSpans(at('2026-12-01T10:00:00'), [step('2026-12-01T12:00:00', 'resolved', 'major-outage')])).toEqual(
      [],
    );
  });
});
