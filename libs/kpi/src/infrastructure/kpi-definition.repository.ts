import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, runnerOf, type Transaction } from '@madoguchi/database';

import type { KpiDefinition } from '../domain/kpi-definition';
import { KpiDefinitionEntity } from './kpi-definition.entity';

/** `kpi_definition`: every version of the KPI definition, numbered in order. */
@Injectable()
export class KpiDefinitionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The version asked for, or the latest. */
  async find(version?: number, transaction?: Transaction): Promise<KpiDefinitionEntity | null> {
    const manager = runnerOf(transaction, this.dataSource);
    if (version !== undefined) return manager.findOneBy(KpiDefinitionEntity, { version });
    const [latest] = await manager.find(KpiDefinitionEntity, { order: { version: 'DESC' }, take: 1 });
    return latest ?? null;
  }

  list(): Promise<KpiDefinitionEntity[]> {
    return this.dataSource.getRepository(KpiDefinitionEntity).find({ order: { version: 'DESC' } });
  }

  /** Serialises revisions for the rest of the caller's transaction: two at once take 2 and 3, not 2 twice. */
  async lockForRevision(transaction: Transaction): Promise<void> {
    await managerOf(transaction).query(`LOCK TABLE kpi_definition IN EXCLUSIVE MODE`);
  }

  /** Stores a version; it as stored. */
  async insert(
    transaction: Transaction,
    version: { version: number; definition: KpiDefinition; note: string | null; createdBy: string | null },
  ): Promise<KpiDefinitionEntity> {
    const manager = managerOf(transaction);
    await manager.insert(KpiDefinitionEntity, version);
    return manager.findOneByOrFail(KpiDefinitionEntity, { version: version.version });
  }
}
