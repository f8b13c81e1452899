import { BusinessCalendar, SUPPORT_HOURS } from '@madoguchi/business-calendar/domain';

import { defaultSlaTargets, dueTimes, resumeAfterPending, slaBadge, slaClocks } from './sla';

const calendar = new BusinessCalendar(SUPPORT_HOURS);
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('SLA due times on the support-hours calendar', () => {
  it('a Friday 16:00 inquiry: first response Monday 12:00, resolution 21 business hours later', () => {
    const due = dueTimes(calendar, at('2026-11-27T16:00:00+09:00'), defaultSlaTargets('normal'));
    expect(iso(due.firstResponseDueAt)).toBe(iso(at('2026-11-30T12:00:00+09:00')));
    // 75% of 4 h = 3 h: 1 h on Friday, then Monday 09:00–11:00.
    expect(iso(due.firstResponseWarnAt)).toBe(iso(at('2026-11-30T11:00:00+09:00')));
    // 1 h Fri + 7 h Mon + 7 h Tue + 6 h Wed (9–12, 13–16).
    expect(iso(due.resolutionDueAt)).toBe(iso(at('2026-12-02T16:00:00+09:00')));
  });

  it('an inquiry at 23:00 on a holiday eve waits for the next business day', () => {
    // Sun 2026-11-22 23:00; Mon 11-23 is Labour Thanksgiving Day.
    const due = dueTimes(calendar, at('2026-11-22T23:00:00+09:00'), defaultSlaTargets('normal'));
    expect(iso(due.firstResponseDueAt)).toBe(iso(at('2026-11-24T14:00:00+09:00')));
  });

  it('urgent tickets get 1 and 7 business hours', () => {
    const due = dueTimes(calendar, at('2026-11-30T11:30:00+09:00'), defaultSlaTargets('urgent'));
    expect(iso(due.firstResponseDueAt)).toBe(iso(at('2026-11-30T13:30:00+09:00')));
    expect(iso(due.resolutionDueAt)).toBe(iso(at('2026-12-01T11:30:00+09:00')));
  });

  it('time pending on the customer moves the resolution due time by the business time paused', () => {
    const resolutionDueAt = at('2026-12-02T16:00:00+09:00');
    // Pending from Mon 10:00 to Tue 10:00 = 7 business hours.
    const resumed = resumeAfterPending(
      calendar,
      { resolutionDueAt, resolutionWarnAt: resolutionDueAt },
      at('2026-11-30T10:00:00+09:00'),
      at('2026-12-01T10:00:00+09:00'),
    );
    expect(resumed.pausedMs).toBe(7 * 3_600_000);
    expect(iso(resumed.resolutionDueAt)).toBe(iso(at('2026-12-03T16:00:00+09:00')));
  });
});

describe('the SLA badge', () => {
  const ticket = {
    status: 'open' as const,
    firstRespondedAt: null,
    firstResponseDueAt: at('2026-11-30T12:00:00+09:00'),
    resolutionDueAt: at('2026-12-02T16:00:00+09:00'),
  };

  it('shows the first-response clock in business time until someone answers', () => {
    // Friday 16:30 → Monday 12:00: half an hour on Friday and three on Monday.
    expect(slaBadge(ticket, at('2026-11-27T16:30:00+09:00'), calendar)).toEqual({
      clock: 'first-response',
      dueAt: ticket.firstResponseDueAt,
      overdue: false,
      remainingMs: 3.5 * 3_600_000,
    });
  });

  it('then the resolution clock; past due it is overdue with nothing left', () => {
    const answered = { ...ticket, firstRespondedAt: at('2026-11-30T10:00:00+09:00') };
    expect(slaBadge(answered, at('2026-12-03T09:00:00+09:00'), calendar)).toMatchObject({
      clock: 'resolution',
      overdue: true,
      remainingMs: 0,
    });
  });

  it('stands still while pending on the customer: no time left shown, never overdue', () => {
    const pending = { ...ticket, status: 'pending' as const };
    expect(slaBadge(pending, at('2026-12-05T09:00:00+09:00'), calendar)).toMatchObject({
      overdue: false,
      remainingMs: null,
    });
  });

  it('stands still on a solved or closed ticket found by a search, answered or not', () => {
    for (const status of ['solved', 'closed'] as const)
      expect(slaBadge({ ...ticket, status }, at('2026-12-05T09:00:00+09:00'), calendar)).toMatchObject({
        overdue: false,
        remainingMs: null,
      });
  });
});

describe('both SLA clocks of a ticket', () => {
  const at = (iso: string) => Date.parse(iso);
  const ticket = {
    status: 'open' as const,
    firstRespondedAt: null,
    firstResponseDueAt: at('2026-12-07T14:00:00+09:00'),
    resolutionDueAt: at('2026-12-09T12:00:00+09:00'),
    solvedAt: null,
    closedAt: null,
  };

  it('runs both in business time until they stop, and says which stopped in time', () => {
    const now = at('2026-12-07T11:00:00+09:00');
    const open = slaClocks(ticket, now, calendar);
    // 11:00 to 14:00 with the 12:00–13:00 lunch closed: 2 business hours.
    expect(open.firstResponse).toEqual({
      dueAt: ticket.firstResponseDueAt,
      state: 'running',
      remainingMs: 2 * 3_600_000,
      stoppedAt: null,
    });
    expect(open.resolution.state).toBe('running');

    const answered = slaClocks(
      { ...ticket, firstRespondedAt: at('2026-12-07T15:00:00+09:00') },
      at('2026-12-08T10:00:00+09:00'),
      calendar,
    );
    expect(answered.firstResponse).toMatchObject({ state: 'missed', stoppedAt: at('2026-12-07T15:00:00+09:00') });
    expect(answered.resolution.state).toBe('running');

    const solved = slaClocks(
      {
        ...ticket,
        status: 'solved',
        firstRespondedAt: at('2026-12-07T13:30:00+09:00'),
        solvedAt: at('2026-12-08T16:00:00+09:00'),
      },
      at('2026-12-10T10:00:00+09:00'),
      calendar,
    );
    expect([solved.firstResponse.state, solved.resolution.state]).toEqual(['met', 'met']);
  });

  it('stands still while pending, and is overdue once past due', () => {
    const pending = slaClocks(
      { ...ticket, status: 'pending', firstRespondedAt: at('2026-12-07T13:30:00+09:00') },
      at('2026-12-10T10:00:00+09:00'),
      calendar,
    );
    expect(pending.resolution).toMatchObject({ state: 'paused', remainingMs: null });
    const late = slaClocks(ticket, at('2026-12-07T16:00:00+09:00'), calendar);
    expect(late.firstResponse).toMatchObject({ state: 'overdue', remainingMs: 0 });
  });
});
