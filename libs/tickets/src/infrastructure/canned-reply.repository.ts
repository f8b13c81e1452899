import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

import { CannedReplyEntity } from './canned-reply.entity';

export type CannedReplyFields = Pick<CannedReplyEntity, 'title' | 'body'>;

/** `canned_reply`: the desk's shared reply texts and each agent's own. */
@Injectable()
export class CannedReplyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The shared replies and `userId`'s own, by title. */
  visibleTo(userId: string): Promise<CannedReplyEntity[]> {
    return this.dataSource.getRepository(CannedReplyEntity).find({
      where: [{ ownerId: IsNull() }, { ownerId: userId }],
      order: { title: 'ASC', id: 'ASC' },
    });
  }

  findForUpdate(transaction: Transaction, id: string): Promise<CannedReplyEntity | null> {
    return managerOf(transaction)
      .getRepository(CannedReplyEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Adds the reply; it as stored (with its creation time). */
  async insert(
    transaction: Transaction,
    reply: Pick<CannedReplyEntity, 'id' | 'title' | 'body' | 'createdBy' | 'ownerId'>,
  ): Promise<CannedReplyEntity> {
    const manager = managerOf(transaction);
    await manager.insert(CannedReplyEntity, reply);
    return manager.findOneByOrFail(CannedReplyEntity, { id: reply.id });
  }

  async update(transaction: Transaction, id: string, fields: CannedReplyFields, now: Date): Promise<CannedReplyEntity> {
    const manager = managerOf(transaction);
    await manager.update(CannedReplyEntity, { id }, { ...fields, updatedAt: now });
    return manager.findOneByOrFail(CannedReplyEntity, { id });
  }

  async delete(transaction: Transaction, id: string): Promise<void> {
    await managerOf(transaction).delete(CannedReplyEntity, { id });
  }
}
