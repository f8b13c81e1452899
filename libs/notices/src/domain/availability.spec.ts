import {
  availabilityOver,
  combinedAvailability,
  DEFAULT_AVAILABILITY_RULES as RULES,
  type ImpactSpan,
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
});
