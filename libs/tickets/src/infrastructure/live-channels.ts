import type { TicketStatus } from '../domain/ticket';

/** The NOTIFY channels the `live-changes` migration's triggers announce on. */
export const TICKET_CHANNEL = 'madoguchi_ticket';
export const NOTIFICATION_CHANNEL = 'madoguchi_notification';

/** A committed change to a ticket, as the trigger announces it: enough to tell whose list it touches. */
export interface TicketChange {
  id: string;
  /** A new ticket, rather than a change to one. */
  created: boolean;
  status: TicketStatus;
  assigneeId: string | null;
  groupId: string | null;
}

export function parseTicketChange(payload: string): TicketChange | null {
  const parsed = parseObject(payload);
  if (!parsed || typeof parsed.id !== 'string' || typeof parsed.status !== 'string') return null;
  return {
    id: parsed.id,
    created: parsed.created === true,
    status: parsed.status as TicketStatus,
    assigneeId: typeof parsed.assigneeId === 'string' ? parsed.assigneeId : null,
    groupId: typeof parsed.groupId === 'string' ? parsed.groupId : null,
  };
}

/** Whose notification list grew. */
export function parseNotificationRecipient(payload: string): string | null {
  const parsed = parseObject(payload);
  return parsed && typeof parsed.userId === 'string' ? parsed.userId : null;
}

function parseObject(payload: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(payload);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
