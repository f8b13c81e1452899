import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, runnerOf, type Transaction } from '@madoguchi/database';

import { completeDefinition, type KpiDefinition } from '../domain/kpi-definition';
import { KpiDefinitionEntity } from './kpi-definition.entity';

/** Older versions read with the settings added since at their defaults. */
const completed = (entity: KpiDefinitionEntity): KpiDefinitionEntity =>
  Object.assign(entity, { definition: completeDefinition(entity.definition) });

/** `kpi_definition`: every version of the KPI definition, numbered in order. */
@Injectable()
export class KpiDefinitionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The version asked for, or the latest. */
  async find(version?: number, transaction?: Transaction): Promise<KpiDefinitionEntity | null> {
    const manager = runnerOf(transaction, this.dataSource);
    const found =
      version !== undefined
        ? await manager.findOneBy(KpiDefinitionEntity, { version })
        : (await manager.find(KpiDefinitionEntity, { order: { version: 'DESC' }, take: 1 }))[0];
    return found ? completed(found) : null;
  }

  async list(): Promise<KpiDefinitionEntity[]> {
    return (await this.dataSource.getRepository(KpiDefinitionEntity).find({ order: { version: 'DESC' } })).map(
      completed,
    );
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
    return completed(await manager.findOneByOrFail(KpiDefinitionEntity, { version: version.version }));
  }
}
