import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

import { AuditEntryFields, auditEntryHash, ChainedAuditEntry, GENESIS_HASH } from '../domain/audit-chain';
import { AuditEventEntity } from './audit-event.entity';

/** Serialises appends across every process, so that each entry links to exactly one predecessor. */
const AUDIT_CHAIN_LOCK = 7_302_113;

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends inside the caller's transaction: the entry commits or rolls back with the change it records. */
  async append(manager: EntityManager, fields: AuditEntryFields): Promise<ChainedAuditEntry> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('Audit entries are appended inside a transaction');
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = (await manager.query('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1')) as Array<{
      hash: string;
    }>;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = auditEntryHash(prevHash, fields);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(AuditEventEntity)
      .values({ ...fields, prevHash, hash } as QueryDeepPartialEntity<AuditEventEntity>)
      .returning(['id'])
      .execute();
    return { ...fields, id: String(inserted.identifiers[0]!.id), prevHash, hash };
  }

  async occurrences(action: string, where: { targetId?: string; ip?: string }, since: Date): Promise<Date[]> {
    const query = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .select('e.occurredAt', 'occurredAt')
      .where('e.action = :action', { action })
      .andWhere('e.occurredAt >= :since', { since });
    if (where.targetId !== undefined) query.andWhere('e.targetId = :targetId', { targetId: where.targetId });
    if (where.ip !== undefined) query.andWhere('e.ip = :ip', { ip: where.ip });
    const rows = await query.getRawMany<{ occurredAt: Date }>();
    return rows.map((row) => new Date(row.occurredAt));
  }

  /** Newest first, keyset-paginated by id: `beforeId` is the last id of the previous page. */
  async list(filter: AuditFilter, limit: number, beforeId?: string): Promise<ChainedAuditEntry[]> {
    const query = this.filtered(filter).orderBy('e.id', 'DESC').limit(limit);
    if (beforeId) query.andWhere('e.id < :beforeId', { beforeId });
    return (await query.getMany()).map(toEntry);
  }

  /** Oldest first, in batches, without holding the whole log in memory. */
  async *stream(filter: AuditFilter = {}, batchSize = 1000): AsyncGenerator<ChainedAuditEntry> {
    let afterId = '0';
    for (;;) {
      const batch = await this.filtered(filter)
        .andWhere('e.id > :afterId', { afterId })
        .orderBy('e.id', 'ASC')
        .limit(batchSize)
        .getMany();
      for (const row of batch) yield toEntry(row);
      if (batch.length < batchSize) return;
      afterId = batch[batch.length - 1]!.id;
    }
  }

  private filtered(filter: AuditFilter) {
    const query = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e').where('true');
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorId) query.andWhere('e.actorId = :actorId', { actorId: filter.actorId });
    if (filter.targetType) query.andWhere('e.targetType = :targetType', { targetType: filter.targetType });
    if (filter.targetId) query.andWhere('e.targetId = :targetId', { targetId: filter.targetId });
    if (filter.from) query.andWhere('e.occurredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.occurredAt < :to', { to: filter.to });
    return query;
  }
}

function toEntry(row: AuditEventEntity): ChainedAuditEntry {
  return { ...row, id: String(row.id) };
}
