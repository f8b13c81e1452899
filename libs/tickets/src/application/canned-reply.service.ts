import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import type { CannedReplyEntity } from '../infrastructure/canned-reply.entity';
import { CannedReplyRepository } from '../infrastructure/canned-reply.repository';

/** Reply texts the desk shares; any agent may add one, every addition is audited. */
@Injectable()
export class CannedReplyService {
  constructor(
    private readonly replies: CannedReplyRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<CannedReplyEntity[]> {
    return this.replies.list();
  }

  create(context: RequestContext, input: { title: string; body: string }): Promise<CannedReplyEntity> {
    return this.unitOfWork.run(async (transaction) => {
      const reply = await this.replies.insert(transaction, {
        id: randomUUID(),
        title: input.title.trim(),
        body: input.body,
        createdBy: context.actor?.userId ?? null,
      });
      await this.audit.record(transaction, context, {
        action: 'canned-reply.create',
        targetType: 'canned_reply',
        targetId: reply.id,
        summary: { title: reply.title },
      });
      return reply;
    });
  }
}
