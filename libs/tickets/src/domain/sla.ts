import type { TicketPriority, TicketStatus } from './ticket';

const HOUR = 3_600_000;

export interface SlaTargets {
  calendarId: string;
  firstResponseMs: number;
  resolutionMs: number;
}

/**
 * The default SLA policy (DESIGN.md): on the support-hours calendar, first response within 4
 * business hours and resolution within 21 (3 business days); urgent tickets 1 and 7.
 */
export function defaultSlaTargets(priority: TicketPriority): SlaTargets {
  return priority === 'urgent'
    ? { calendarId: 'support-hours', firstResponseMs: 1 * HOUR, resolutionMs: 7 * HOUR }
    : { calendarId: 'support-hours', firstResponseMs: 4 * HOUR, resolutionMs: 21 * HOUR };
}

/** The calendar arithmetic SLA clocks need; a BusinessCalendar satisfies it. */
export interface SlaCalendar {
  addBusinessTime(at: number, ms: number): number;
  businessTimeBetween(from: number, to: number): number;
}

/** Share of a target after which the assignee is warned. */
export const WARNING_SHARE = 0.75;

export function dueTimes(calendar: SlaCalendar, createdAt: number, targets: SlaTargets) {
  return {
    firstResponseDueAt: calendar.addBusinessTime(createdAt, targets.firstResponseMs),
    firstResponseWarnAt: calendar.addBusinessTime(createdAt, Math.round(targets.firstResponseMs * WARNING_SHARE)),
    resolutionDueAt: calendar.addBusinessTime(createdAt, targets.resolutionMs),
    resolutionWarnAt: calendar.addBusinessTime(createdAt, Math.round(targets.resolutionMs * WARNING_SHARE)),
  };
}

/**
 * Leaving "pending on customer": the business time spent waiting is added to the resolution due
 * time, so the customer's silence never counts against the desk.
 */
export function resumeAfterPending(
  calendar: SlaCalendar,
  clock: { resolutionDueAt: number; resolutionWarnAt: number },
  pendingSince: number,
  now: number,
) {
  const pausedMs = Math.max(0, calendar.businessTimeBetween(pendingSince, now));
  return {
    pausedMs,
    resolutionDueAt: calendar.addBusinessTime(clock.resolutionDueAt, pausedMs),
    resolutionWarnAt: calendar.addBusinessTime(clock.resolutionWarnAt, pausedMs),
  };
}

export type SlaClock = 'first-response' | 'resolution';
export type SlaAlertKind = 'warning' | 'breach';

/**
 * The alerts an SLA scan raises, in this order: a warning at WARNING_SHARE of each target, a
 * breach at its due instant. The first-response clock runs until the first public reply (or the
 * ticket is solved); the resolution clock while the ticket is new or open.
 */
export const SLA_ALERTS: ReadonlyArray<{ clock: SlaClock; kind: SlaAlertKind }> = [
  { clock: 'first-response', kind: 'warning' },
  { clock: 'first-response', kind: 'breach' },
  { clock: 'resolution', kind: 'warning' },
  { clock: 'resolution', kind: 'breach' },
];

/** Business days a solved ticket waits for the customer before it closes by itself. */
export const AUTO_CLOSE_BUSINESS_DAYS = 5;

/** What a ticket's SLA badge shows: the clock that runs now and where it stands. */
export interface SlaBadge {
  clock: SlaClock;
  dueAt: number;
  /** Past due, on a clock that is running (a pending ticket's clock stands still). */
  overdue: boolean;
  /** Business time left (0 once past due); null while pending on the customer. */
  remainingMs: number | null;
}

/**
 * The running clock of a ticket: first response until someone answered, then resolution. While
 * the ticket is pending on the customer it stands still, so it shows no time left and is never
 * overdue.
 */
export function slaBadge(
  ticket: {
    status: TicketStatus;
    firstRespondedAt: number | null;
    firstResponseDueAt: number;
    resolutionDueAt: number;
  },
  now: number,
  calendar: SlaCalendar,
): SlaBadge {
  const clock: SlaClock = ticket.firstRespondedAt === null ? 'first-response' : 'resolution';
  const dueAt = clock === 'first-response' ? ticket.firstResponseDueAt : ticket.resolutionDueAt;
  // Pending on the customer, or solved or closed: the clock stands still, so nothing runs out.
  const stopped = ticket.status === 'pending' || ticket.status === 'solved' || ticket.status === 'closed';
  return {
    clock,
    dueAt,
    overdue: !stopped && dueAt <= now,
    remainingMs: stopped ? null : Math.max(0, calendar.businessTimeBetween(now, dueAt)),
  };
}

/** Where one SLA clock stands: running, past due, paused on the customer, or stopped in or out of time. */
export const SLA_CLOCK_STATES = ['running', 'overdue', 'paused', 'met', 'missed'] as const;
export type SlaClockState = (typeof SLA_CLOCK_STATES)[number];

export interface SlaClockView {
  dueAt: number;
  state: SlaClockState;
  /** Business time left while running (0 once past due); null otherwise. */
  remainingMs: number | null;
  /** When the clock stopped: the first response, or the ticket solved (closed). */
  stoppedAt: number | null;
}

/**
 * Both clocks of a ticket, for its page: the first response (stopped by the first public reply) and
 * the resolution (stopped when solved or closed; standing still while pending on the customer).
 */
export function slaClocks(
  ticket: {
    status: TicketStatus;
    firstRespondedAt: number | null;
    firstResponseDueAt: number;
    resolutionDueAt: number;
    solvedAt: number | null;
    closedAt: number | null;
  },
  now: number,
  calendar: SlaCalendar,
): { firstResponse: SlaClockView; resolution: SlaClockView } {
  const clock = (dueAt: number, stoppedAt: number | null, paused: boolean): SlaClockView => {
    if (stoppedAt !== null)
      return { dueAt, state: stoppedAt <= dueAt ? 'met' : 'missed', remainingMs: null, stoppedAt };
    if (paused) return { dueAt, state: 'paused', remainingMs: null, stoppedAt: null };
    const overdue = dueAt <= now;
    return {
      dueAt,
      state: overdue ? 'overdue' : 'running',
      remainingMs: Math.max(0, calendar.businessTimeBetween(now, dueAt)),
      stoppedAt: null,
    };
  };
  const done = ticket.status === 'solved' || ticket.status === 'closed';
  const pending = ticket.status === 'pending';
  const stopped = ticket.solvedAt ?? ticket.closedAt ?? now;
  return {
    // A ticket solved without a public reply stopped both clocks when it was solved.
    firstResponse: clock(ticket.firstResponseDueAt, ticket.firstRespondedAt ?? (done ? stopped : null), pending),
    resolution: clock(ticket.resolutionDueAt, done ? stopped : null, pending),
  };
}
