import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

import { CannedReplyEntity } from './canned-reply.entity';

/** `canned_reply`: the desk's shared reply texts. */
@Injectable()
export class CannedReplyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<CannedReplyEntity[]> {
    return this.dataSource.getRepository(CannedReplyEntity).find({ order: { title: 'ASC' } });
  }

  /** Adds the reply; it as stored (with its creation time). */
  async insert(
    transaction: Transaction,
    reply: Pick<CannedReplyEntity, 'id' | 'title' | 'body' | 'createdBy'>,
  ): Promise<CannedReplyEntity> {
    const manager = managerOf(transaction);
    await manager.insert(CannedReplyEntity, reply);
    return manager.findOneByOrFail(CannedReplyEntity, { id: reply.id });
  }
}
