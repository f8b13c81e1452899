/**
 * What staff are told about: a customer's reply on a ticket of theirs, a ticket handed to them, an
 * SLA target about to be missed or missed (SLA e-mails come as one digest per person and scan).
 */
export const NOTIFICATION_KINDS = ['customer-reply', 'assigned', 'sla-warning', 'sla-breach'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who hears of a customer's reply: the assignee; else the ticket's group; else the managers. */
export type ReplyAudience = { assigneeId: string } | { groupId: string } | { managers: true };

export function replyAudience(ticket: { assigneeId: string | null; groupId: string | null }): ReplyAudience {
  if (ticket.assigneeId) return { assigneeId: ticket.assigneeId };
  if (ticket.groupId) return { groupId: ticket.groupId };
  return { managers: true };
}
