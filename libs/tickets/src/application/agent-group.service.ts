import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';
import { UserService } from '@madoguchi/identity';

import { groupNameTaken, groupNotFound } from '../domain/tickets.errors';
import { type AgentGroup, AgentGroupRepository } from '../infrastructure/agent-group.repository';

export type { AgentGroup };

export interface AgentGroupInput {
  name: string;
  memberIds: string[];
}

/** Groups of agents that tickets can be assigned to (managers keep them). */
@Injectable()
export class AgentGroupService {
  constructor(
    private readonly groups: AgentGroupRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly users: UserService,
  ) {}

  list(): Promise<AgentGroup[]> {
    return this.groups.list();
  }

  groupIdsOf(userId: string): Promise<string[]> {
    return this.groups.groupIdsOf(userId);
  }

  create(context: RequestContext, input: AgentGroupInput): Promise<AgentGroup> {
    return this.unitOfWork.run(async (transaction) => {
      const group = { id: randomUUID(), ...(await this.checked(transaction, input)) };
      await this.groups.save(transaction, group);
      await this.audit.record(transaction, context, {
        action: 'group.create',
        targetType: 'agent_group',
        targetId: group.id,
        summary: { name: group.name, memberIds: group.memberIds },
      });
      return group;
    });
  }

  /** Renames the group and replaces its members; tickets assigned to it stay assigned. */
  update(context: RequestContext, id: string, input: AgentGroupInput): Promise<AgentGroup> {
    return this.unitOfWork.run(async (transaction) => {
      const before = await this.groups.findForUpdate(transaction, id);
      if (!before) throw groupNotFound(id);
      const group = { id, ...(await this.checked(transaction, input, id)) };
      await this.groups.save(transaction, group);
      await this.audit.record(transaction, context, {
        action: 'group.update',
        targetType: 'agent_group',
        targetId: id,
        summary: {
          before: { name: before.name, memberIds: before.memberIds },
          after: { name: group.name, memberIds: group.memberIds },
        },
      });
      return group;
    });
  }

  /** A unique name and members who are active staff. */
  private async checked(transaction: Transaction, input: AgentGroupInput, id?: string) {
    const name = input.name.trim();
    const sameName = await this.groups.idNamed(transaction, name);
    if (sameName && sameName !== id) throw groupNameTaken(name);
    const memberIds = [...new Set(input.memberIds)];
    await this.users.requireActiveStaff('memberIds', memberIds, transaction);
    return { name, memberIds };
  }
}
