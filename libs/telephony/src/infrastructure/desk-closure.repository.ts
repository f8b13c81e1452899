import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

import { DeskClosureEntity } from './desk-closure.entity';

/** `desk_closure`: unplanned closures of the phone desk. */
@Injectable()
export class DeskClosureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds the closure; it as stored. */
  async insert(
    transaction: Transaction,
    closure: Pick<DeskClosureEntity, 'id' | 'startsAt' | 'endsAt' | 'reason' | 'createdBy'>,
  ): Promise<DeskClosureEntity> {
    const manager = managerOf(transaction);
    await manager.insert(DeskClosureEntity, closure);
    return manager.findOneByOrFail(DeskClosureEntity, { id: closure.id });
  }

  find(transaction: Transaction, id: string): Promise<DeskClosureEntity | null> {
    return managerOf(transaction).findOneBy(DeskClosureEntity, { id });
  }

  async delete(transaction: Transaction, id: string): Promise<void> {
    await managerOf(transaction).delete(DeskClosureEntity, { id });
  }

  /** Closures overlapping [from, to), earliest first. */
  overlapping(from: Date, to: Date): Promise<DeskClosureEntity[]> {
    return this.dataSource
      .getRepository(DeskClosureEntity)
      .createQueryBuilder('closure')
      .where('closure.startsAt < :to AND closure.endsAt > :from', { from, to })
      .orderBy('closure.startsAt', 'ASC')
      .getMany();
  }
}
