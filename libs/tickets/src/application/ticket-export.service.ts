import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { CalendarService } from '@madoguchi/business-calendar';
import type { RequestContext } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';
import { DirectoryRepository } from '@madoguchi/identity';

import { organizationNotFound } from '../domain/tickets.errors';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { TicketAttachments } from '../infrastructure/ticket-attachments';
import { attachmentViewsByMessage, messageView, ticketView } from './ticket-views';

export type ExportFormat = 'csv' | 'json';

/** A file of an exported message: what it is, and where its bytes are downloaded (same permissions). */
export interface ExportedAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  downloadPath: string;
}

export type ExportedTicket = ReturnType<typeof ticketView> & {
  messages: Array<ReturnType<typeof messageView> & { attachments: ExportedAttachment[] }>;
};

/**
 * An organization's tickets and public messages with their attachments' details, for its own
 * contacts (their organization only) and admins (any). Streamed in batches, so the size of the
 * export does not matter; audited before the first byte.
 */
@Injectable()
export class TicketExportService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly directory: DirectoryRepository,
    private readonly tickets: TicketRepository,
    private readonly attachments: TicketAttachments,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
  ) {}

  async start(
    context: RequestContext,
    organizationId: string,
    format: ExportFormat,
  ): Promise<AsyncGenerator<ExportedTicket>> {
    const viewer = context.actor!;
    const organization = await this.directory.organization(viewer, organizationId);
    if (!organization) throw organizationNotFound(organizationId);
    await this.unitOfWork.run((transaction) =>
      this.audit.record(transaction, context, {
        action: 'organization.export',
        targetType: 'organization',
        targetId: organizationId,
        summary: { format },
      }),
    );
    const zone = await this.calendars.timeZone('support-hours');
    const source = this.tickets.exportOrganization(organizationId);
    const attachments = this.attachments;
    return (async function* () {
      for await (const batch of source) {
        // One query for the files of a whole batch of tickets.
        const filesOf = attachmentViewsByMessage(
          await attachments.listFor(batch.flatMap(({ messages }) => messages.map((message) => message.id))),
        );
        for (const { ticket, messages } of batch) {
          yield {
            ...ticketView(ticket, zone),
            messages: messages.map((message) => ({
              ...messageView(message, zone),
              attachments: filesOf(message.id).map((file) => ({
                ...file,
                downloadPath: `/api/v1/tickets/${ticket.id}/attachments/${file.id}`,
              })),
            })),
          };
        }
      }
    })();
  }
}
