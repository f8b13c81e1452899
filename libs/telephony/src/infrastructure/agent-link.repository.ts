import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

import { TelephonyAgentEntity } from './telephony-agent.entity';

/** `telephony_agent`: which user each PBX agent name is. */
@Injectable()
export class AgentLinkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every link, by PBX agent name. */
  all(): Promise<TelephonyAgentEntity[]> {
    return this.dataSource.getRepository(TelephonyAgentEntity).find({ order: { pbxAgent: 'ASC' } });
  }

  /** The PBX agent names linked to the user. */
  async agentsOf(userId: string): Promise<string[]> {
    const links = await this.dataSource.getRepository(TelephonyAgentEntity).findBy({ userId });
    return links.map((link) => link.pbxAgent);
  }

  /** Links the PBX agent name to the user (a name linked before moves to them). */
  async link(transaction: Transaction, pbxAgent: string, userId: string): Promise<void> {
    await managerOf(transaction).upsert(TelephonyAgentEntity, { pbxAgent, userId }, ['pbxAgent']);
  }
}
