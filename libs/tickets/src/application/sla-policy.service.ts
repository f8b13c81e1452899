import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';

import { defaultSlaTargets, type SlaTargets } from '../domain/sla';
import { selectSlaTargets, type SlaPolicy, type TicketTraits } from '../domain/sla-policy';
import { slaPolicyNotFound } from '../domain/tickets.errors';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';

export type SlaPolicyInput = Omit<SlaPolicy, 'id'>;

/** How stale this process's copy of the policies may be before it is read again. */
const POLICY_RECHECK_MS = 5_000;

/** SLA policies managers edit; tickets take the targets of the first policy that matches them. */
@Injectable()
export class SlaPolicyService {
  private cache?: { policies: SlaPolicy[]; readAt: number };

  constructor(
    private readonly policies: SlaPolicyRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(transaction?: Transaction): Promise<SlaPolicy[]> {
    return this.policies.list(transaction);
  }

  /** The targets for a ticket with these traits (the built-in defaults when no policy matches). */
  async targetsFor(ticket: TicketTraits, transaction?: Transaction, now = Date.now()): Promise<SlaTargets> {
    if (!this.cache || now - this.cache.readAt >= POLICY_RECHECK_MS)
      this.cache = { policies: await this.list(transaction), readAt: now };
    return selectSlaTargets(
      this.cache.policies,
      ticket,
      defaultSlaTargets(ticket.priority === 'urgent' ? 'urgent' : 'normal'),
    );
  }

  async create(context: RequestContext, input: SlaPolicyInput): Promise<SlaPolicy> {
    const created = await this.unitOfWork.run(async (transaction) => {
      await this.check(transaction, input);
      const id = randomUUID();
      await this.policies.insert(transaction, { ...input, id });
      const policy = await this.policies.find(transaction, id);
      await this.audit.record(transaction, context, {
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
    const updated = await this.unitOfWork.run(async (transaction) => {
      const current = await this.policies.findForUpdate(transaction, id);
      if (!current) throw slaPolicyNotFound(id);
      await this.check(transaction, input, id);
      await this.policies.update(transaction, id, input);
      const policy = await this.policies.find(transaction, id);
      await this.audit.record(transaction, context, {
        action: 'sla-policy.update',
        targetType: 'sla_policy',
        targetId: id,
        summary: { before: current, after: policy },
      });
      return policy;
    });
    this.cache = undefined;
    return updated;
  }

  private async check(transaction: Transaction, input: SlaPolicyInput, id?: string): Promise<void> {
    const problems = [];
    if (!(await this.policies.calendarExists(transaction, input.calendarId))) {
      problems.push({
        field: 'calendarId',
        messages: ['no business calendar has this id'],
        rule: 'sla.calendar-unknown',
      });
    }
    const taken = await this.policies.atPosition(transaction, input.position);
    if (taken && taken.id !== id)
      problems.push({
        field: 'position',
        messages: [`position ${input.position} is taken by “${taken.name}”`],
        rule: 'sla.position-taken',
        params: { position: String(input.position), name: taken.name },
      });
    if (problems.length > 0) throw new ValidationFailedError(problems);
  }
}
