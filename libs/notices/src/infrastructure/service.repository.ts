import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';

import { managerOf, runnerOf, type Transaction } from '@madoguchi/database';

import { ServiceEntity } from './service.entity';
import { ServiceChangeEntity } from './service-change.entity';

/** The services (components) customers use, and the announced changes to them. */
@Injectable()
export class ServiceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<ServiceEntity[]> {
    return this.dataSource.getRepository(ServiceEntity).find({ order: { name: 'ASC' } });
  }

  /** The services among `ids` that exist (each once). */
  withIds(transaction: Transaction | undefined, ids: string[]): Promise<ServiceEntity[]> {
    return runnerOf(transaction, this.dataSource).findBy(ServiceEntity, { id: In(ids) });
  }

  /**
   * The services monitors name (by id, or by exact Japanese or English name), locked for the rest
   * of the caller's transaction: alerts about one service open or join its incidents one at a time.
   */
  async lockNamed(transaction: Transaction, references: string[]): Promise<ServiceEntity[]> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const ids = references.filter((reference) => uuid.test(reference));
    return managerOf(transaction)
      .getRepository(ServiceEntity)
      .createQueryBuilder('s')
      .where('s.name IN (:...references) OR s.nameEn IN (:...references)', { references })
      .orWhere(ids.length > 0 ? 's.id IN (:...ids)' : 'false', { ids })
      .orderBy('s.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  nameTaken(transaction: Transaction, name: string): Promise<boolean> {
    return managerOf(transaction).existsBy(ServiceEntity, { name });
  }

  async insert(
    transaction: Transaction,
    service: { id: string; name: string; nameEn: string | null },
  ): Promise<ServiceEntity> {
    const manager = managerOf(transaction);
    await manager.insert(ServiceEntity, service);
    return manager.findOneByOrFail(ServiceEntity, { id: service.id });
  }

  lockForChange(transaction: Transaction, id: string): Promise<ServiceEntity | null> {
    return managerOf(transaction).findOne(ServiceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async rename(
    transaction: Transaction,
    id: string,
    names: { name: string; nameEn: string | null },
  ): Promise<ServiceEntity> {
    const manager = managerOf(transaction);
    await manager.update(ServiceEntity, { id }, names);
    return manager.findOneByOrFail(ServiceEntity, { id });
  }

  async insertChange(
    transaction: Transaction,
    change: Omit<ServiceChangeEntity, 'creator'>,
  ): Promise<ServiceChangeEntity> {
    const manager = managerOf(transaction);
    await manager.insert(ServiceChangeEntity, change);
    return manager.findOneByOrFail(ServiceChangeEntity, { id: change.id });
  }

  /** Announced service changes, soonest first. */
  changes(): Promise<ServiceChangeEntity[]> {
    return this.dataSource.getRepository(ServiceChangeEntity).find({ order: { effectiveAt: 'ASC' } });
  }
}
