import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import type { KeysetCursor } from '@madoguchi/common';
import { managerOf, type Transaction } from '@madoguchi/database';

import type { CallDirection, CallOutcome } from '../domain/call';
import { TelephonyCallEntity } from './telephony-call.entity';

export interface CallFilter {
  from?: Date;
  to?: Date;
  /** An outcome, or `waiting` for calls with none yet. */
  outcome?: CallOutcome | 'waiting';
  agent?: string;
  direction?: CallDirection;
  ticketId?: string;
}

/** The indexed expression of migration CallerLookup: a caller number's digits, `+81` read as `0`. */
const CALLER_DIGITS = `regexp_replace(regexp_replace(caller_number, '[^0-9]', '', 'g'), '^81(?=[0-9]{9})', '0')`;

/** `telephony_call`: calls from the PBX log and those agents logged by hand. */
@Injectable()
export class CallRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Calls matching the filter, oldest first, after the cursor: up to `limit`. */
  list(filter: CallFilter, limit: number, after?: KeysetCursor): Promise<TelephonyCallEntity[]> {
    const query = this.dataSource
      .getRepository(TelephonyCallEntity)
      .createQueryBuilder('call')
      .where('call.enteredAt IS NOT NULL')
      .orderBy('call.enteredAt', 'ASC')
      .addOrderBy('call.id', 'ASC')
      .take(limit);
    if (filter.from) query.andWhere('call.enteredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('call.enteredAt < :to', { to: filter.to });
    if (filter.outcome === 'waiting') query.andWhere('call.outcome IS NULL');
    else if (filter.outcome) query.andWhere('call.outcome = :outcome', { outcome: filter.outcome });
    if (filter.agent) query.andWhere('call.agent = :agent', { agent: filter.agent });
    if (filter.direction) query.andWhere('call.direction = :direction', { direction: filter.direction });
    if (filter.ticketId) query.andWhere('call.ticketId = :ticketId', { ticketId: filter.ticketId });
    if (after)
      query.andWhere('(call.enteredAt, call.id) > (:afterAt, :afterId)', { afterAt: after.at, afterId: after.id });
    return query.getMany();
  }

  find(id: string, transaction?: Transaction): Promise<TelephonyCallEntity | null> {
    const manager = transaction ? managerOf(transaction) : this.dataSource.manager;
    return manager.findOneBy(TelephonyCallEntity, { id });
  }

  /** Distinct agent names seen on calls, for filters. */
  async agents(): Promise<string[]> {
    const rows: Array<{ agent: string }> = await this.dataSource.query(
      `SELECT DISTINCT agent FROM telephony_call WHERE agent IS NOT NULL ORDER BY agent LIMIT 500`,
    );
    return rows.map((row) => row.agent);
  }

  /** Adds a call; it as stored. */
  async insert(
    transaction: Transaction,
    call: Partial<TelephonyCallEntity> & { id: string },
  ): Promise<TelephonyCallEntity> {
    const manager = managerOf(transaction);
    await manager.insert(TelephonyCallEntity, call);
    return manager.findOneByOrFail(TelephonyCallEntity, { id: call.id });
  }

  async linkTicket(transaction: Transaction, id: string, ticketId: string | null): Promise<void> {
    await managerOf(transaction).update(TelephonyCallEntity, { id }, { ticketId, updatedAt: new Date() });
  }

  /** Whether a ticket with this id exists (a call links only to one that does). */
  async ticketExists(transaction: Transaction, ticketId: string): Promise<boolean> {
    const rows = (await managerOf(transaction).query(`SELECT 1 FROM ticket WHERE id = $1`, [ticketId])) as unknown[];
    return rows.length > 0;
  }

  /** How many calls came from a number (its digits, as the index reads them) since `since`. */
  async countFrom(digits: string, since: Date): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM telephony_call
        WHERE caller_number IS NOT NULL AND ${CALLER_DIGITS} = $1 AND entered_at >= $2`,
      [digits, since],
    )) as Array<{ count: number }>;
    return row?.count ?? 0;
  }
}
