import { Injectable, type OnModuleInit } from '@nestjs/common';

import { MailAttachmentSources } from '@madoguchi/mail';

import { TicketAttachments } from '../infrastructure/ticket-attachments';

/** The outbox names a reply's files as `ticket-attachment` ids; this reads them when the mail is sent. */
export const TICKET_ATTACHMENT_SOURCE = 'ticket-attachment';

@Injectable()
export class TicketAttachmentMailSource implements OnModuleInit {
  constructor(
    private readonly sources: MailAttachmentSources,
    private readonly attachments: TicketAttachments,
  ) {}

  onModuleInit(): void {
    this.sources.register(TICKET_ATTACHMENT_SOURCE, async (ids) =>
      (await this.attachments.readMany(ids)).map(({ id, filename, contentType, content }) => ({
        id,
        filename,
        contentType,
        content,
      })),
    );
  }
}
