import { type CalendarDefinition, describeWeeklyHours, formatInstant } from '@madoguchi/business-calendar';
import { type MailLanguage, type OutgoingMail, renderMail } from '@madoguchi/mail';

import { inquiryReceivedTemplate } from '../templates/ticket-mail.templates';

/** One acknowledgement per ticket: the mail outbox row's key and the mail job's id. */
export const acknowledgementKey = (ticketId: string) => `ticket-ack.${ticketId}`;

/** One e-mail per public agent reply: its outbox key. */
export const replyMailKey = (messageId: string) => `ticket-message.${messageId}`;

/** Where a customer follows a ticket: its page in the portal. */
export const portalTicketUrl = (publicBaseUrl: string, ticketId: string) =>
  new URL(`/portal/tickets/${ticketId}`, publicBaseUrl).toString();

/**
 * "We received it": the ticket number, the promised first-response time, the portal link, the
 * desk's hours and a copy of the inquiry.
 */
export function acknowledgementMail(
  to: { name: string; email: string; language: MailLanguage },
  ticket: { id: string; number: string; subject: string; body: string; openedAt: number; firstResponseDueAt: number },
  desk: CalendarDefinition,
  publicBaseUrl: string,
): OutgoingMail {
  const mail = renderMail(inquiryReceivedTemplate, to.language, {
    name: to.name,
    number: ticket.number,
    subject: ticket.subject,
    body: ticket.body,
    portalUrl: portalTicketUrl(publicBaseUrl, ticket.id),
    firstResponseDue: formatInstant(ticket.firstResponseDueAt, {
      timeZone: desk.timeZone,
      language: to.language,
      now: ticket.openedAt,
    }),
    hours: describeWeeklyHours(desk, to.language),
  });
  return { to: [to.email], ...mail };
}
