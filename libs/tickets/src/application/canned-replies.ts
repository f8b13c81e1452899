import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';

import { CannedReplyEntity } from '../infrastructure/canned-reply.entity';

/** Reply texts the desk shares; any agent may add one, every addition is audited. */
@Injectable()
export class CannedReplies {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<CannedReplyEntity[]> {
    return this.dataSource.getRepository(CannedReplyEntity).find({ order: { title: 'ASC' } });
  }

  create(context: RequestContext, input: { title: string; body: string }): Promise<CannedReplyEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reply = manager.create(CannedReplyEntity, {
        id: randomUUID(),
        title: input.title.trim(),
        body: input.body,
        createdBy: context.actor?.userId ?? null,
      });
      await manager.insert(CannedReplyEntity, reply);
      await this.audit.record(manager, context, {
        action: 'canned-reply.create',
        targetType: 'canned_reply',
        targetId: reply.id,
        summary: { title: reply.title },
      });
      return manager.findOneByOrFail(CannedReplyEntity, { id: reply.id });
    });
  }
}
