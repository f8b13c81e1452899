import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { CalendarService } from '@madoguchi/business-calendar';
import { DomainError, type RequestContext } from '@madoguchi/common';
import { DirectoryRepository } from '@madoguchi/identity';

import { TicketRepository } from '../infrastructure/ticket.repository';
import { messageView, ticketView } from './ticket-views';

export type ExportFormat = 'csv' | 'json';

export type ExportedTicket = ReturnType<typeof ticketView> & { messages: Array<ReturnType<typeof messageView>> };

/**
 * An organization's tickets and public messages, for its own contacts (their organization only)
 * and admins (any). Streamed in batches, so the size of the export does not matter; audited
 * before the first byte.
 */
@Injectable()
export class ExportTicketsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryRepository,
    private readonly tickets: TicketRepository,
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
    if (!organization)
      throw new DomainError('organization.not-found', `No organization with id ${organizationId}.`, 'not-found');
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'organization.export',
        targetType: 'organization',
        targetId: organizationId,
        summary: { format },
      }),
    );
    const zone = await this.calendars.timeZone('support-hours');
    const source = this.tickets.exportOrganization(organizationId);
    return (async function* () {
      for await (const { ticket, messages } of source) {
        yield { ...ticketView(ticket, zone), messages: messages.map((message) => messageView(message, zone)) };
      }
    })();
  }
}
