import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { BusinessCalendarEntity } from '@madoguchi/business-calendar';
import { DomainError, type RequestContext, ValidationFailedError } from '@madoguchi/common';

import { defaultSlaTargets, type SlaTargets } from '../domain/sla';
import { selectSlaTargets, type SlaPolicy, type TicketTraits } from '../domain/sla-policy';
import { SlaPolicyEntity } from '../infrastructure/sla-policy.entity';

export type SlaPolicyInput = Omit<SlaPolicy, 'id'>;

/** How stale this process's copy of the policies may be before it is read again. */
const POLICY_RECHECK_MS = 5_000;

const snapshot = (p: SlaPolicyEntity): SlaPolicy => ({
  id: p.id,
  name: p.name,
  position: p.position,
  conditions: p.conditions,
  calendarId: p.calendarId,
  firstResponseMs: p.firstResponseMs,
  resolutionMs: p.resolutionMs,
});

/** SLA policies managers edit; tickets take the targets of the first policy that matches them. */
@Injectable()
export class SlaPolicyService {
  private cache?: { policies: SlaPolicy[]; readAt: number };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(manager: EntityManager = this.dataSource.manager): Promise<SlaPolicy[]> {
    return (await manager.find(SlaPolicyEntity, { order: { position: 'ASC' } })).map(snapshot);
  }

  /** The targets for a ticket with these traits (the built-in defaults when no policy matches). */
  async targetsFor(ticket: TicketTraits, manager?: EntityManager, now = Date.now()): Promise<SlaTargets> {
    if (!this.cache || now - this.cache.readAt >= POLICY_RECHECK_MS)
      this.cache = { policies: await this.list(manager), readAt: now };
    return selectSlaTargets(
      this.cache.policies,
      ticket,
      defaultSlaTargets(ticket.priority === 'urgent' ? 'urgent' : 'normal'),
    );
  }

  async create(context: RequestContext, input: SlaPolicyInput): Promise<SlaPolicy> {
    const created = await this.dataSource.transaction(async (manager) => {
      await this.check(manager, input);
      const entity = manager.create(SlaPolicyEntity, { ...input, id: randomUUID() });
      await manager.insert(SlaPolicyEntity, entity);
      const policy = snapshot(await manager.findOneByOrFail(SlaPolicyEntity, { id: entity.id }));
      await this.audit.record(manager, context, {
        action: 'sla-policy.create',
        targetType: 'sla_policy',
        targetId: policy.id,
        summary: { after: policy },
      });
      return policy;
    });
    this.cache = undefined;
    return created;
  }

  async update(context: RequestContext, id: string, input: SlaPolicyInput): Promise<SlaPolicy> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(SlaPolicyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new DomainError('sla-policy.not-found', `No SLA policy with id ${id}.`, 'not-found');
      await this.check(manager, input, id);
      await manager.update(SlaPolicyEntity, { id }, { ...input, updatedAt: new Date() });
      const policy = snapshot(await manager.findOneByOrFail(SlaPolicyEntity, { id }));
      await this.audit.record(manager, context, {
        action: 'sla-policy.update',
        targetType: 'sla_policy',
        targetId: id,
        summary: { before: snapshot(current), after: policy },
      });
      return policy;
    });
    this.cache = undefined;
    return updated;
  }

  private async check(manager: EntityManager, input: SlaPolicyInput, id?: string): Promise<void> {
    const problems = [];
    if (!(await manager.findOneBy(BusinessCalendarEntity, { id: input.calendarId }))) {
      problems.push({ field: 'calendarId', messages: ['no business calendar has this id'] });
    }
    const taken = await manager.findOneBy(SlaPolicyEntity, { position: input.position });
    if (taken && taken.id !== id)
      problems.push({ field: 'position', messages: [`position ${input.position} is taken by “${taken.name}”`] });
    if (problems.length > 0) throw new ValidationFailedError(problems);
  }
}
