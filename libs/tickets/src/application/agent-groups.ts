import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { DomainError, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { UserEntity } from '@madoguchi/identity';

import { AgentGroupEntity, AgentGroupMemberEntity } from '../infrastructure/agent-group.entity';

export interface AgentGroup {
  id: string;
  name: string;
  memberIds: string[];
}

/** Groups of agents that tickets can be assigned to (managers keep them). */
@Injectable()
export class AgentGroups {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<AgentGroup[]> {
    const groups = await this.dataSource.getRepository(AgentGroupEntity).find({ order: { name: 'ASC' } });
    const members = await this.dataSource.getRepository(AgentGroupMemberEntity).find();
    return groups.map((g) => ({
      id: g.id,
      name: g.name,
      memberIds: members.filter((m) => m.groupId === g.id).map((m) => m.userId),
    }));
  }

  async groupIdsOf(userId: string): Promise<string[]> {
    return (await this.dataSource.getRepository(AgentGroupMemberEntity).findBy({ userId })).map((m) => m.groupId);
  }

  create(context: RequestContext, input: { name: string; memberIds: string[] }): Promise<AgentGroup> {
    return this.dataSource.transaction(async (manager) => {
      const name = input.name.trim();
      if (await manager.findOneBy(AgentGroupEntity, { name })) {
        throw new DomainError('group.name-taken', `A group named ${name} already exists.`, 'conflict');
      }
      const memberIds = [...new Set(input.memberIds)];
      const staff = memberIds.length ? await manager.findBy(UserEntity, { id: In(memberIds) }) : [];
      const invalid = memberIds.filter((id) => !staff.some((u) => u.id === id && u.role !== 'customer' && u.active));
      if (invalid.length > 0)
        throw new ValidationFailedError([
          { field: 'memberIds', messages: [`not active staff: ${invalid.join(', ')}`] },
        ]);
      const id = randomUUID();
      await manager.insert(AgentGroupEntity, { id, name });
      if (memberIds.length)
        await manager.insert(
          AgentGroupMemberEntity,
          memberIds.map((userId) => ({ groupId: id, userId })),
        );
      await this.audit.record(manager, context, {
        action: 'group.create',
        targetType: 'agent_group',
        targetId: id,
        summary: { name, memberIds },
      });
      return { id, name, memberIds };
    });
  }
}
