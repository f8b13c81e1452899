import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { kpiDefinitionNotFound } from '../domain/kpi.errors';
import { type KpiDefinition, kpiDefinitionProblems } from '../domain/kpi-definition';
import type { KpiDefinitionEntity } from '../infrastructure/kpi-definition.entity';
import { KpiDefinitionRepository } from '../infrastructure/kpi-definition.repository';

/** What a revision may change: any setting, any subset of the targets. */
export type KpiDefinitionChanges = Partial<Omit<KpiDefinition, 'targets' | 'availability'>> & {
  targets?: Partial<KpiDefinition['targets']>;
  availability?: Partial<KpiDefinition['availability']>;
};

/** Leaves out keys whose value is undefined, so they do not overwrite what the latest version says. */
const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;

/** Versions of the KPI definition: changing a target writes a new version; old ones stay as they were. */
@Injectable()
export class KpiDefinitionService {
  constructor(
    private readonly definitions: KpiDefinitionRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async get(version?: number): Promise<KpiDefinitionEntity> {
    const found = await this.definitions.find(version);
    if (!found) throw kpiDefinitionNotFound(version);
    return found;
  }

  list(): Promise<KpiDefinitionEntity[]> {
    return this.definitions.list();
  }

  /** How the latest definition weighs availability (the status page shows the same figures as the report). */
  async availabilityRules(): Promise<KpiDefinition['availability']> {
    return (await this.get()).definition.availability;
  }

  /** Writes the next version: the latest one with `changes` applied. */
  async revise(context: RequestContext, changes: KpiDefinitionChanges, note: string | null) {
    return this.unitOfWork.run(async (transaction) => {
      await this.definitions.lockForRevision(transaction);
      const latest = await this.definitions.find(undefined, transaction);
      const definition: KpiDefinition = {
        ...latest!.definition,
        ...definedOnly(changes),
        targets: { ...latest!.definition.targets, ...definedOnly(changes.targets ?? {}) },
        availability: { ...latest!.definition.availability, ...definedOnly(changes.availability ?? {}) },
      };
      const problems = kpiDefinitionProblems(definition);
      if (problems.length > 0) throw new ValidationFailedError(problems);
      const version = latest!.version + 1;
      const stored = await this.definitions.insert(transaction, {
        version,
        definition,
        note,
        createdBy: context.actor?.userId ?? null,
      });
      await this.audit.record(transaction, context, {
        action: 'kpi.definition-revise',
        targetType: 'kpi-definition',
        targetId: String(version),
        summary: { changes, note },
      });
      return stored;
    });
  }
}
