import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { DomainError, type RequestContext, ValidationFailedError } from '@madoguchi/common';

import { type KpiDefinition, kpiDefinitionProblems } from '../domain/kpi-definition';

/** What a revision may change: any setting, any subset of the targets. */
export type KpiDefinitionChanges = Partial<Omit<KpiDefinition, 'targets'>> & {
  targets?: Partial<KpiDefinition['targets']>;
};
import { KpiDefinitionEntity } from '../infrastructure/kpi-definition.entity';

/** Leaves out keys whose value is undefined, so they do not overwrite what the latest version says. */
const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;

/** Versions of the KPI definition: changing a target writes a new version; old ones stay as they were. */
@Injectable()
export class KpiDefinitions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(version?: number): Promise<KpiDefinitionEntity> {
    const repository = this.dataSource.getRepository(KpiDefinitionEntity);
    const found =
      version === undefined
        ? (await repository.find({ order: { version: 'DESC' }, take: 1 }))[0]
        : await repository.findOneBy({ version });
    if (!found) throw new DomainError('kpi.definition-not-found', `No KPI definition version ${version}.`, 'not-found');
    return found;
  }

  list(): Promise<KpiDefinitionEntity[]> {
    return this.dataSource.getRepository(KpiDefinitionEntity).find({ order: { version: 'DESC' } });
  }

  /** Writes the next version: the latest one with `changes` applied. */
  async revise(context: RequestContext, changes: KpiDefinitionChanges, note: string | null) {
    return this.dataSource.transaction(async (manager) => {
      // Versions are numbered in order; the lock makes two concurrent revisions take 2 and 3, not 2 twice.
      await manager.query(`LOCK TABLE kpi_definition IN EXCLUSIVE MODE`);
      const [latest] = await manager.find(KpiDefinitionEntity, { order: { version: 'DESC' }, take: 1 });
      const definition: KpiDefinition = {
        ...latest!.definition,
        ...definedOnly(changes),
        targets: { ...latest!.definition.targets, ...definedOnly(changes.targets ?? {}) },
      };
      const problems = kpiDefinitionProblems(definition);
      if (problems.length > 0) throw new ValidationFailedError(problems);
      const version = latest!.version + 1;
      await manager.insert(KpiDefinitionEntity, {
        version,
        definition,
        note,
        createdBy: context.actor?.userId ?? null,
      });
      await this.audit.record(manager, context, {
        action: 'kpi.definition-revise',
        targetType: 'kpi-definition',
        targetId: String(version),
        summary: { changes, note },
      });
      return manager.findOneByOrFail(KpiDefinitionEntity, { version });
    });
  }
}
