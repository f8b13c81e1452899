import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { CalendarService } from '@madoguchi/business-calendar';
import { DomainError, encodeKeysetCursor, type KeysetCursor } from '@madoguchi/common';

import type { CallDirection, CallOutcome } from '../domain/call';
import { TelephonyCallEntity } from '../infrastructure/telephony-call.entity';
import { TelephonyImportEntity } from '../infrastructure/telephony-import.entity';
import { callView, importView } from './telephony-views';

export interface CallFilter {
  from?: Date;
  to?: Date;
  /** An outcome, or `waiting` for calls with none yet. */
  outcome?: CallOutcome | 'waiting';
  agent?: string;
  direction?: CallDirection;
  ticketId?: string;
}

export const callNotFound = (id: string) => new DomainError('call.not-found', `No call with id ${id}.`, 'not-found');

/** Reading calls and imports (staff only; the controllers enforce roles). Calls run oldest first, as in the log. */
@Injectable()
export class CallQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
  ) {}

  async list(filter: CallFilter, limit: number, after?: KeysetCursor) {
    const query = this.dataSource
      .getRepository(TelephonyCallEntity)
      .createQueryBuilder('call')
      .where('call.enteredAt IS NOT NULL')
      .orderBy('call.enteredAt', 'ASC')
      .addOrderBy('call.id', 'ASC')
      .take(limit + 1);
    if (filter.from) query.andWhere('call.enteredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('call.enteredAt < :to', { to: filter.to });
    if (filter.outcome === 'waiting') query.andWhere('call.outcome IS NULL');
    else if (filter.outcome) query.andWhere('call.outcome = :outcome', { outcome: filter.outcome });
    if (filter.agent) query.andWhere('call.agent = :agent', { agent: filter.agent });
    if (filter.direction) query.andWhere('call.direction = :direction', { direction: filter.direction });
    if (filter.ticketId) query.andWhere('call.ticketId = :ticketId', { ticketId: filter.ticketId });
    if (after)
      query.andWhere('(call.enteredAt, call.id) > (:afterAt, :afterId)', { afterAt: after.at, afterId: after.id });
    const rows = await query.getMany();
    const page = rows.slice(0, limit);
    const zone = await this.calendars.timeZone('support-hours');
    const last = page.at(-1);
    return {
      items: page.map((call) => callView(call, zone)),
      nextCursor:
        rows.length > limit && last ? encodeKeysetCursor({ at: last.enteredAt!.toISOString(), id: last.id }) : null,
    };
  }

  async get(id: string) {
    const call = await this.dataSource.getRepository(TelephonyCallEntity).findOneBy({ id });
    if (!call) throw callNotFound(id);
    return callView(call, await this.calendars.timeZone('support-hours'));
  }

  /** Distinct agent names seen on calls, for filters. */
  async agents(): Promise<string[]> {
    const rows: Array<{ agent: string }> = await this.dataSource.query(
      `SELECT DISTINCT agent FROM telephony_call WHERE agent IS NOT NULL ORDER BY agent LIMIT 500`,
    );
    return rows.map((row) => row.agent);
  }

  async importReport(id: string) {
    const job = await this.dataSource.getRepository(TelephonyImportEntity).findOneBy({ id });
    if (!job) throw new DomainError('import.not-found', `No import with id ${id}.`, 'not-found');
    return importView(job, await this.calendars.timeZone('support-hours'));
  }

  async recentImports(limit = 20) {
    const jobs = await this.dataSource
      .getRepository(TelephonyImportEntity)
      .find({ order: { createdAt: 'DESC' }, take: limit });
    const zone = await this.calendars.timeZone('support-hours');
    return jobs.map((job) => importView(job, zone));
  }
}
