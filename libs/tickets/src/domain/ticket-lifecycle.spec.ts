import fc from 'fast-check';

import { BusinessCalendar, SUPPORT_HOURS } from '@madoguchi/business-calendar/domain';

import { DayWalkingReference } from '../../../../test/support/day-walking-reference';
import { defaultSlaTargets, dueTimes } from './sla';
import { afterMessage, agentStatusChange, retargeted, statusChange, type TicketState } from './ticket-lifecycle';

const calendar = new BusinessCalendar(SUPPORT_HOURS);
const reference = new DayWalkingReference(SUPPORT_HOURS);
const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

/** A new ticket as intake writes it, created at `createdAt` with the default targets. */
function created(createdAt: number): TicketState {
  const due = dueTimes(calendar, createdAt, defaultSlaTargets('normal'));
  return {
    number: 'MD-2026-000001',
    status: 'new',
    createdAt: new Date(createdAt),
    firstRespondedAt: null,
    pendingSince: null,
    pausedMs: 0,
    resolutionDueAt: new Date(due.resolutionDueAt),
    resolutionWarnAt: new Date(due.resolutionWarnAt),
  };
}

/** The ticket after applying `changes`, as the repository would store it. */
const applied = (ticket: TicketState, changes: object): TicketState => ({ ...ticket, ...changes });

describe('ticket lifecycle', () => {
  // Monday 2026-11-30 10:00 JST.
  const monday = at('2026-11-30T10:00:00+09:00');

  it("an agent's first public reply stops the first-response clock in business time and opens the ticket", () => {
    const ticket = created(monday);
    // Monday 10:00 → Tuesday 10:00 is 7 business hours (10–12, 13–17, 9–10).
    const changes = afterMessage(ticket, { by: 'agent', internal: false }, at('2026-12-01T10:00:00+09:00'), calendar);
    expect(changes).toEqual({
      firstRespondedAt: new Date('2026-12-01T01:00:00Z'),
      firstResponseBusinessSeconds: 7 * 3600,
      status: 'open',
    });
    const answered = applied(ticket, changes);
    expect(afterMessage(answered, { by: 'agent', internal: false }, monday + 2 * HOUR, calendar)).toEqual({});
  });

  it('an internal note changes nothing; a customer reply reopens a solved or pending ticket only', () => {
    const ticket = created(monday);
    expect(afterMessage(ticket, { by: 'agent', internal: true }, monday + HOUR, calendar)).toEqual({});
    expect(afterMessage(ticket, { by: 'requester', internal: false }, monday + HOUR, calendar)).toEqual({});
    const solved = applied(ticket, statusChange(ticket, 'solved', monday + HOUR, calendar));
    expect(afterMessage(solved, { by: 'requester', internal: false }, monday + 2 * HOUR, calendar)).toEqual({
      status: 'open',
      solvedAt: null,
      autoCloseAt: null,
      resolutionBusinessSeconds: null,
    });
  });

  it('an agent cannot write on a closed ticket, nor make a transition agents may not make', () => {
    const closed = applied(created(monday), { status: 'closed' });
    expect(() => afterMessage(closed, { by: 'agent', internal: false }, monday, calendar)).toThrow(
      expect.objectContaining({ code: 'ticket.closed' }),
    );
    expect(() => agentStatusChange(closed, 'open', monday, calendar)).toThrow(
      expect.objectContaining({ code: 'ticket.invalid-transition' }),
    );
    expect(agentStatusChange(closed, 'closed', monday, calendar)).toEqual({});
  });

  it('solving waits 5 business days before closing by itself, over a weekend', () => {
    const ticket = created(monday);
    // Solved Friday 2026-12-04 16:00: five business days end Friday 2026-12-11 17:00.
    const changes = statusChange(ticket, 'solved', at('2026-12-04T16:00:00+09:00'), calendar);
    expect(changes.autoCloseAt).toEqual(new Date('2026-12-11T08:00:00Z'));
    // Monday 10:00 → Friday 16:00: 6 + 7 × 3 + 6 business hours.
    expect(changes.resolutionBusinessSeconds).toBe(33 * 3600);
  });

  it('a priority change re-targets from creation and keeps the time already paused', () => {
    const paused = applied(created(monday), { pausedMs: 2 * HOUR });
    const urgent = retargeted(paused, 'urgent', defaultSlaTargets('urgent'), calendar);
    // 1 business hour from Monday 10:00; resolution 7 business hours plus the 2 paused.
    expect(urgent.firstResponseDueAt).toEqual(new Date('2026-11-30T02:00:00Z'));
    expect(urgent.resolutionDueAt).toEqual(new Date(calendar.addBusinessTime(monday, 9 * HOUR)));
  });

  /** Instants in Dec 2026 – Jan 2027 (New Year holidays included) on a 1-minute grid. */
  const instant = fc
    .integer({ min: at('2026-12-01T00:00:00+09:00') / 60_000, max: at('2027-01-31T00:00:00+09:00') / 60_000 })
    .map((minute) => minute * 60_000);

  it('property: whatever the pauses, the resolution time counts the business time outside them (against the day-walking reference)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(instant, { minLength: 2, maxLength: 9 }), (points) => {
        // Created at the first instant; pending and back to open at each following pair; solved at the last.
        const [start, ...rest] = [...points].sort((a, b) => a - b);
        const solvedAt = rest.pop()!;
        let ticket = applied(created(start!), { status: 'open' });
        let pausedByReference = 0;
        for (let n = 0; n + 1 < rest.length; n += 2) {
          ticket = applied(ticket, statusChange(ticket, 'pending', rest[n]!, calendar));
          ticket = applied(ticket, statusChange(ticket, 'open', rest[n + 1]!, calendar));
          pausedByReference += reference.between(rest[n]!, rest[n + 1]!);
        }
        expect(ticket.pausedMs).toBe(pausedByReference);
        const solved = statusChange(ticket, 'solved', solvedAt, calendar);
        const expected = Math.max(0, Math.round((reference.between(start!, solvedAt) - pausedByReference) / 1000));
        expect(solved.resolutionBusinessSeconds).toBe(expected);
        // The due time moved by exactly the paused business time.
        const original = created(start!).resolutionDueAt.getTime();
        expect(reference.between(original, ticket.resolutionDueAt.getTime())).toBe(pausedByReference);
      }),
      { numRuns: 200 },
    );
  });
});
