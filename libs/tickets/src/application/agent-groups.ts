import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { DomainError, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { UserEntity } from '@madoguchi/identity';

import { AgentGroupEntity, AgentGroupMemberEntity } from '../infrastructure/agent-group.entity';

export interface AgentGroupInput {
  name: string;
  memberIds: string[];
}

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

  create(context: RequestContext, input: AgentGroupInput): Promise<AgentGroup> {
    return this.dataSource.transaction(async (manager) => {
      const { name, memberIds } = await this.checked(manager, input);
      const id = randomUUID();
      await manager.insert(AgentGroupEntity, { id, name });
      await this.addMembers(manager, id, memberIds);
      await this.audit.record(manager, context, {
        action: 'group.create',
        targetType: 'agent_group',
        targetId: id,
        summary: { name, memberIds },
      });
      return { id, name, memberIds };
    });
  }

  /** Renames the group and replaces its members; tickets assigned to it stay assigned. */
  update(context: RequestContext, id: string, input: AgentGroupInput): Promise<AgentGroup> {
    return this.dataSource.transaction(async (manager) => {
      const group = await manager.findOne(AgentGroupEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!group) throw new DomainError('group.not-found', `No group ${id}.`, 'not-found');
      const before = (await manager.findBy(AgentGroupMemberEntity, { groupId: id })).map((m) => m.userId);
      const { name, memberIds } = await this.checked(manager, input, id);
      await manager.update(AgentGroupEntity, { id }, { name });
      await manager.delete(AgentGroupMemberEntity, { groupId: id });
      await this.addMembers(manager, id, memberIds);
      await this.audit.record(manager, context, {
        action: 'group.update',
        targetType: 'agent_group',
        targetId: id,
        summary: { before: { name: group.name, memberIds: before }, after: { name, memberIds } },
      });
      return { id, name, memberIds };
    });
  }

  private async addMembers(manager: EntityManager, groupId: string, memberIds: string[]): Promise<void> {
    if (memberIds.length === 0) return;
    await manager.insert(
      AgentGroupMemberEntity,
      memberIds.map((userId) => ({ groupId, userId })),
    );
  }

  /** A unique name and members who are active staff. */
  private async checked(manager: EntityManager, input: AgentGroupInput, id?: string) {
    const name = input.name.trim();
    const sameName = await manager.findOneBy(AgentGroupEntity, { name });
    if (sameName && sameName.id !== id) {
      throw new DomainError('group.name-taken', `A group named ${name} already exists.`, 'conflict');
    }
    const memberIds = [...new Set(input.memberIds)];
    const staff = memberIds.length ? await manager.findBy(UserEntity, { id: In(memberIds) }) : [];
    const invalid = memberIds.filter(
      (member) => !staff.some((u) => u.id === member && u.role !== 'customer' && u.active),
    );
    if (invalid.length > 0)
      throw new ValidationFailedError([{ field: 'memberIds', messages: [`not active staff: ${invalid.join(', ')}`] }]);
    return { name, memberIds };
  }
}
