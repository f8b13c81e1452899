import { formatInZone } from '@madoguchi/business-calendar';

import type { TicketEntity } from '../infrastructure/ticket.entity';
import type { AttachmentInfo } from '../infrastructure/ticket-attachments';
import type { TicketMessageEntity } from '../infrastructure/ticket-message.entity';

/**
 * A ticket as the API shows it; times in the ticket calendar's offset. Tags are the desk's labels
 * (「クレーム」, say), shown to staff only: `tags` given, they are part of the view.
 */
export function ticketView(ticket: TicketEntity, timeZone: string, tags?: readonly string[]) {
  const instant = (date: Date) => formatInZone(date.getTime(), timeZone);
  const at = (date: Date | null) => (date ? instant(date) : null);
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    channel: ticket.channel,
    category: ticket.category,
    organizationId: ticket.organizationId,
    requester: {
      id: ticket.requesterId,
      name: ticket.requesterName,
      email: ticket.requesterEmail,
      company: ticket.requesterCompany,
      phone: ticket.requesterPhone,
      language: ticket.requesterLanguage,
    },
    assigneeId: ticket.assigneeId,
    groupId: ticket.groupId,
    calendarId: ticket.calendarId,
    createdAt: instant(ticket.createdAt),
    updatedAt: instant(ticket.updatedAt),
    firstResponseDueAt: instant(ticket.firstResponseDueAt),
    firstRespondedAt: at(ticket.firstRespondedAt),
    resolutionDueAt: instant(ticket.resolutionDueAt),
    pendingSince: at(ticket.pendingSince),
    solvedAt: at(ticket.solvedAt),
    autoCloseAt: at(ticket.autoCloseAt),
    closedAt: at(ticket.closedAt),
    followUpOf: ticket.followUpOf,
    mergedIntoId: ticket.mergedIntoId,
    ...(tags ? { tags: [...tags] } : {}),
  };
}

export function messageView(message: TicketMessageEntity, timeZone: string) {
  return {
    id: message.id,
    authorId: message.authorId,
    authorKind: message.authorKind,
    body: message.body,
    internal: message.internal,
    createdAt: formatInZone(message.createdAt.getTime(), timeZone),
  };
}

/** Files without their bytes, grouped by message (one pass however many messages ask). */
export function attachmentViewsByMessage(files: readonly AttachmentInfo[]) {
  const byMessage = new Map<string, Array<{ id: string; filename: string; contentType: string; size: number }>>();
  for (const { id, messageId, filename, contentType, size } of files) {
    const views = byMessage.get(messageId) ?? [];
    views.push({ id, filename, contentType, size });
    byMessage.set(messageId, views);
  }
  return (messageId: string) => byMessage.get(messageId) ?? [];
}
