import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';

import { MailOutbox } from './mail-outbox';

/** An admin sends given-up single messages again (an acknowledgement, an alert), audited. */
@Injectable()
export class MailResends {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: MailOutbox,
    private readonly audit: AuditService,
  ) {}

  /** The messages named (or every given-up one) are pending again with a fresh retry window; returns their keys. */
  async resend(context: RequestContext, dedupKeys?: string[]): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const resent = await this.outbox.resendGivenUp(manager, dedupKeys);
      if (resent.length > 0)
        await this.audit.record(manager, context, {
          action: 'mail.resend',
          targetType: 'mail',
          ...(resent.length === 1 ? { targetId: resent[0]! } : {}),
          summary: { count: resent.length, dedupKeys: resent.slice(0, 100) },
        });
      return resent;
    });
  }
}
