import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { MailOutboxService } from './mail-outbox.service';

/** An admin sends given-up single messages again (an acknowledgement, an alert), audited. */
@Injectable()
export class MailResendService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: MailOutboxService,
    private readonly audit: AuditService,
  ) {}

  /** The messages named (or every given-up one) are pending again with a fresh retry window; returns their keys. */
  async resend(context: RequestContext, dedupKeys?: string[]): Promise<string[]> {
    return this.unitOfWork.run(async (transaction) => {
      const resent = await this.outbox.resendGivenUp(transaction, dedupKeys);
      if (resent.length > 0)
        await this.audit.record(transaction, context, {
          action: 'mail.resend',
          targetType: 'mail',
          ...(resent.length === 1 ? { targetId: resent[0]! } : {}),
          summary: { count: resent.length, dedupKeys: resent.slice(0, 100) },
        });
      return resent;
    });
  }
}
