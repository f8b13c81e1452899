import { dashboardRange } from './kpi-range';

const today = { year: 2026, month: 12, day: 1 };
const days = (range: ReturnType<typeof dashboardRange>) =>
  [range.first, range.last].map((d) => `${d.year}-${d.month}-${d.day}`);

describe('dashboardRange', () => {
  it('reads a month, a week and a custom range, each with the one before and after it', () => {
    const month = dashboardRange({ month: '2026-11' }, today);
    expect([days(month), month.previous, month.next]).toEqual([
      ['2026-11-1', '2026-11-30'],
      'month=2026-10',
      'month=2026-12',
    ]);
    const week = dashboardRange({ week: '2026-11-26' }, today);
    expect([days(week), week.query, week.previous]).toEqual([
      ['2026-11-23', '2026-11-29'],
      'week=2026-11-23',
      'week=2026-11-16',
    ]);
    const range = dashboardRange({ from: '2026-11-10', to: '2026-11-19' }, today);
    expect([days(range), range.next]).toEqual([['2026-11-10', '2026-11-19'], 'from=2026-11-20&to=2026-11-29']);
    expect(dashboardRange({ month: '2026-12' }, today).previous).toBe('month=2026-11');
    expect(dashboardRange({ month: '2027-01' }, today).previous).toBe('month=2026-12');
  });

  it('falls back to this month and says why when the range is not one', () => {
    expect(dashboardRange({}, today)).toMatchObject({ kind: 'month', query: 'month=2026-12', problem: null });
    expect(dashboardRange({ from: '2026-11-10', to: '2026-11-01' }, today).problem).toBe('invalid');
    expect(dashboardRange({ from: '2026-02-30', to: '2026-03-01' }, today).problem).toBe('invalid');
    expect(dashboardRange({ from: '2025-01-01', to: '2026-11-01' }, today)).toMatchObject({
      problem: 'too-long',
      query: 'month=2026-12',
    });
    expect(dashboardRange({ month: '2026-13' }, today).problem).toBe('invalid');
  });
});
