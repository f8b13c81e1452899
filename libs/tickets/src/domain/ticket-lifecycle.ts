import { AUTO_CLOSE_BUSINESS_DAYS, dueTimes, resumeAfterPending, type SlaCalendar, type SlaTargets } from './sla';
import { canTransition, type TicketPriority, type TicketStatus } from './ticket';
import { invalidTransition, ticketClosed } from './tickets.errors';

/**
 * The ticket lifecycle as rules: `(state, change, now, calendar) → the columns to update`. The
 * application loads the ticket and the calendar, asks these functions what changes, and writes
 * the answer; nothing here reads or writes a database.
 */

/** What the lifecycle rules read of a ticket (the stored ticket satisfies it). */
export interface TicketState {
  number: string;
  status: TicketStatus;
  createdAt: Date;
  firstRespondedAt: Date | null;
  pendingSince: Date | null;
  /** Business time spent pending on the customer so far, added to the resolution clock. */
  pausedMs: number;
  resolutionDueAt: Date;
  resolutionWarnAt: Date;
}

/** The columns a rule changes; absent ones stay as they are. */
export interface TicketUpdate {
  status?: TicketStatus;
  priority?: TicketPriority;
  calendarId?: string;
  firstResponseDueAt?: Date;
  firstResponseWarnAt?: Date;
  resolutionDueAt?: Date;
  resolutionWarnAt?: Date;
  firstRespondedAt?: Date;
  firstResponseBusinessSeconds?: number;
  pendingSince?: Date | null;
  pausedMs?: number;
  solvedAt?: Date | null;
  resolutionBusinessSeconds?: number | null;
  autoCloseAt?: Date | null;
  closedAt?: Date;
}

/** The calendar arithmetic the lifecycle needs; a BusinessCalendar satisfies it. */
export interface LifecycleCalendar extends SlaCalendar {
  endOfBusinessDays(at: number, days: number): number;
}

const businessSeconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

/**
 * The fields a status change sets. Leaving pending adds the business time spent waiting to the
 * resolution clock; solving records the resolution time (pauses excluded) and when the ticket
 * closes by itself; reopening clears both; closing stamps the time.
 */
export function statusChange(
  ticket: TicketState,
  status: TicketStatus,
  now: number,
  calendar: LifecycleCalendar,
): TicketUpdate {
  const changes: TicketUpdate = { status };
  if (status === 'pending') changes.pendingSince = new Date(now);
  if (ticket.status === 'pending' && ticket.pendingSince) {
    const clock = {
      resolutionDueAt: ticket.resolutionDueAt.getTime(),
      resolutionWarnAt: ticket.resolutionWarnAt.getTime(),
    };
    const resumed = resumeAfterPending(calendar, clock, ticket.pendingSince.getTime(), now);
    changes.resolutionDueAt = new Date(resumed.resolutionDueAt);
    changes.resolutionWarnAt = new Date(resumed.resolutionWarnAt);
    changes.pausedMs = ticket.pausedMs + resumed.pausedMs;
    changes.pendingSince = null;
  }
  if (status === 'solved') {
    const paused = changes.pausedMs ?? ticket.pausedMs;
    changes.solvedAt = new Date(now);
    changes.resolutionBusinessSeconds = businessSeconds(
      calendar.businessTimeBetween(ticket.createdAt.getTime(), now) - paused,
    );
    changes.autoCloseAt = new Date(calendar.endOfBusinessDays(now, AUTO_CLOSE_BUSINESS_DAYS));
  }
  if (status === 'open') Object.assign(changes, { solvedAt: null, autoCloseAt: null, resolutionBusinessSeconds: null });
  if (status === 'closed') Object.assign(changes, { closedAt: new Date(now), autoCloseAt: null });
  return changes;
}

/** An agent's status change: the transition must be one an agent may make (throws otherwise). */
export function agentStatusChange(
  ticket: TicketState,
  status: TicketStatus,
  now: number,
  calendar: LifecycleCalendar,
): TicketUpdate {
  if (status === ticket.status) return {};
  if (!canTransition(ticket.status, status)) throw invalidTransition(ticket.status, status);
  return statusChange(ticket, status, now, calendar);
}

/**
 * What a new message on a ticket that is not closed changes. An agent's first public reply stops
 * the first-response clock (in business time) and opens a new ticket; a customer's reply reopens
 * a solved or pending one; an internal note changes nothing. Agents cannot write on a closed
 * ticket (throws); a customer's message there is a follow-up ticket, decided by `isFollowUp`.
 */
export function afterMessage(
  ticket: TicketState,
  message: { by: 'agent' | 'requester'; internal: boolean },
  now: number,
  calendar: LifecycleCalendar,
): TicketUpdate {
  if (ticket.status === 'closed') throw ticketClosed(ticket.number);
  if (message.by === 'requester')
    return ticket.status === 'solved' || ticket.status === 'pending' ? statusChange(ticket, 'open', now, calendar) : {};
  if (message.internal) return {};
  const changes: TicketUpdate = {};
  if (!ticket.firstRespondedAt) {
    changes.firstRespondedAt = new Date(now);
    changes.firstResponseBusinessSeconds = businessSeconds(
      calendar.businessTimeBetween(ticket.createdAt.getTime(), now),
    );
  }
  if (ticket.status === 'new') changes.status = 'open';
  return changes;
}

/** A customer writing on a closed ticket opens a follow-up ticket instead of reopening it. */
export function isFollowUp(ticket: Pick<TicketState, 'status'>, by: 'agent' | 'requester'): boolean {
  return ticket.status === 'closed' && by === 'requester';
}

/** The subject of a follow-up: `Re: ` once, within the 200 characters a subject may have. */
export function followUpSubject(subject: string): string {
  return subject.startsWith('Re: ') ? subject : `Re: ${subject}`.slice(0, 200);
}

/**
 * A new priority can mean other targets (urgent: 1 and 7 business hours): due and warning times
 * are computed again from the ticket's creation on the targets' calendar, keeping the time already
 * paused while pending.
 */
export function retargeted(
  ticket: Pick<TicketState, 'createdAt' | 'pausedMs'>,
  priority: TicketPriority,
  targets: SlaTargets,
  calendar: SlaCalendar,
): TicketUpdate {
  const due = dueTimes(calendar, ticket.createdAt.getTime(), targets);
  return {
    priority,
    calendarId: targets.calendarId,
    firstResponseDueAt: new Date(due.firstResponseDueAt),
    firstResponseWarnAt: new Date(due.firstResponseWarnAt),
    resolutionDueAt: new Date(calendar.addBusinessTime(due.resolutionDueAt, ticket.pausedMs)),
    resolutionWarnAt: new Date(calendar.addBusinessTime(due.resolutionWarnAt, ticket.pausedMs)),
  };
}
