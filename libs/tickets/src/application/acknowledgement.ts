import { type CalendarDefinition, describeWeeklyHours, formatInstant } from '@madoguchi/business-calendar';
import { type MailLanguage, type OutgoingMail, renderMail } from '@madoguchi/mail';

import { inquiryReceivedTemplate } from '../templates/ticket-mail.templates';

/** One acknowledgement per ticket: the mail outbox row's key and the mail job's id. */
export const acknowledgementKey = (ticketId: string) => `ticket-ack.${ticketId}`;

/** "We received it": the ticket number, the promised first-response time and the desk's hours. */
export function acknowledgementMail(
  to: { name: string; email: string; language: MailLanguage },
  ticket: { number: string; subject: string; openedAt: number; firstResponseDueAt: number },
  desk: CalendarDefinition,
): OutgoingMail {
  const mail = renderMail(inquiryReceivedTemplate, to.language, {
    name: to.name,
    number: ticket.number,
    subject: ticket.subject,
    firstResponseDue: formatInstant(ticket.firstResponseDueAt, {
      timeZone: desk.timeZone,
      language: to.language,
      now: ticket.openedAt,
    }),
    hours: describeWeeklyHours(desk, to.language),
  });
  return { to: [to.email], ...mail };
}
