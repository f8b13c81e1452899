import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, runnerOf, type Transaction } from '@madoguchi/database';

import { AgentGroupEntity, AgentGroupMemberEntity } from './agent-group.entity';

export interface AgentGroup {
  id: string;
  name: string;
  memberIds: string[];
}

/** `agent_group` and its members. */
@Injectable()
export class AgentGroupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every group by name, with its members (one statement: the ticket page reads it on every view). */
  async list(): Promise<AgentGroup[]> {
    const rows = (await this.dataSource.query(
      `SELECT g.id, g.name, ARRAY(SELECT m.user_id FROM agent_group_member m WHERE m.group_id = g.id) AS member_ids
         FROM agent_group g ORDER BY g.name`,
    )) as Array<{ id: string; name: string; member_ids: string[] }>;
    return rows.map((row) => ({ id: row.id, name: row.name, memberIds: row.member_ids }));
  }

  async groupIdsOf(userId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(AgentGroupMemberEntity).findBy({ userId });
    return rows.map((member) => member.groupId);
  }

  async exists(transaction: Transaction | undefined, id: string): Promise<boolean> {
    return runnerOf(transaction, this.dataSource).existsBy(AgentGroupEntity, { id });
  }

  /** The group with its members, locked for the rest of the caller's transaction; null when there is none. */
  async findForUpdate(transaction: Transaction, id: string): Promise<AgentGroup | null> {
    const manager = managerOf(transaction);
    const group = await manager.findOne(AgentGroupEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!group) return null;
    const members = await manager.findBy(AgentGroupMemberEntity, { groupId: id });
    return { id, name: group.name, memberIds: members.map((member) => member.userId) };
  }

  /** The id of the group called `name`, if any (names are unique). */
  async idNamed(transaction: Transaction, name: string): Promise<string | null> {
    return (await managerOf(transaction).findOneBy(AgentGroupEntity, { name }))?.id ?? null;
  }

  /** Of `userIds`, the ones that are active staff (agents, managers, admins). */
  /** Writes the group (new or renamed) and replaces its members. */
  async save(transaction: Transaction, group: AgentGroup): Promise<void> {
    const manager = managerOf(transaction);
    await manager.upsert(AgentGroupEntity, { id: group.id, name: group.name }, ['id']);
    await manager.delete(AgentGroupMemberEntity, { groupId: group.id });
    if (group.memberIds.length > 0)
      await manager.insert(
        AgentGroupMemberEntity,
        group.memberIds.map((userId) => ({ groupId: group.id, userId })),
      );
  }
}
