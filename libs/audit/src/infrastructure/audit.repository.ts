import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

import { type AtomicStatement, managerOf, type Transaction } from '@madoguchi/database';

import { AuditEntry, AuditEntryFields, auditEntryHash, ChainedAuditEntry, GENESIS_HASH } from '../domain/audit-chain';
import { AuditEventEntity } from './audit-event.entity';
import { AuditKeys } from './audit-keys';

/** Serialises sealers (only they take it): each sealed entry links to exactly one predecessor. */
const AUDIT_SEAL_LOCK = 7_302_113;

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: AuditKeys,
  ) {}

  /**
   * Appends inside the caller's transaction: the entry commits or rolls back with the change it
   * records. No lock is taken here; the entry joins the hash chain when `seal` next runs.
   */
  async append(transaction: Transaction, fields: AuditEntryFields): Promise<AuditEntry> {
    const manager = managerOf(transaction);
    if (!manager.queryRunner?.isTransactionActive) throw new Error('Audit entries are appended inside a transaction');
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(AuditEventEntity)
      .values(fields as QueryDeepPartialEntity<AuditEventEntity>)
      .returning(['id'])
      .execute();
    return {
      ...fields,
      id: String(inserted.identifiers[0]!.id),
      chainSeq: null,
      prevHash: null,
      hash: null,
      hashKey: null,
    };
  }

  /** Adds entries to a statement that writes the changes they record (one statement: no transaction needed). */
  appendIn(statement: AtomicStatement, entries: readonly AuditEntryFields[]): void {
    if (entries.length === 0) return;
    const column = <K extends keyof AuditEntryFields>(key: K) => entries.map((entry) => entry[key]);
    statement.with(
      statement.uniqueName('audit'),
      `INSERT INTO audit_event (occurred_at, actor_id, actor_email, action, target_type, target_id, summary, ip, user_agent, request_id)
       SELECT occurred_at, actor_id, actor_email, action, target_type, target_id, summary::jsonb, ip, user_agent, request_id
       FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::text[], $10::text[])
         AS e(occurred_at, actor_id, actor_email, action, target_type, target_id, summary, ip, user_agent, request_id)`,
      [
        entries.map((entry) => entry.occurredAt.toISOString()),
        column('actorId'),
        column('actorEmail'),
        column('action'),
        column('targetType'),
        column('targetId'),
        entries.map((entry) => JSON.stringify(entry.summary)),
        column('ip'),
        column('userAgent'),
        column('requestId'),
      ],
    );
  }

  /**
   * Links committed, unsealed entries into the chain, oldest id first, each hashing the one before.
   * Returns how many it sealed. Safe to run from any number of processes at once.
   */
  async seal(batchSize = 1000): Promise<number> {
    let sealed = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
        const [last] = (await manager.query(
          'SELECT chain_seq, hash FROM audit_event WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1',
        )) as Array<{ chain_seq: string; hash: string }>;
        const pending = await manager
          .getRepository(AuditEventEntity)
          .createQueryBuilder('e')
          .where('e.chainSeq IS NULL')
          .orderBy('e.id', 'ASC')
          .limit(batchSize)
          .getMany();
        let prevHash = last?.hash ?? GENESIS_HASH;
        let position = BigInt(last?.chain_seq ?? 0);
        const key = this.keys.current;
        for (const row of pending) {
          position += 1n;
          const hash = auditEntryHash(prevHash, row, key);
          await manager.query(
            'UPDATE audit_event SET chain_seq = $1, prev_hash = $2, hash = $3, hash_key = $4 WHERE id = $5',
            [position.toString(), prevHash, hash, key.id, row.id],
          );
          prevHash = hash;
        }
        return pending.length;
      });
      sealed += count;
      if (count < batchSize) return sealed;
    }
  }

  /** The chain's last sealed entry: what a checkpoint records. */
  async head(): Promise<{ seq: string; hash: string } | null> {
    const [row] = (await this.dataSource.query(
      'SELECT chain_seq, hash FROM audit_event WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1',
    )) as Array<{ chain_seq: string; hash: string }>;
    return row ? { seq: String(row.chain_seq), hash: row.hash } : null;
  }

  async unsealedCount(): Promise<number> {
    const [row] = (await this.dataSource.query(
      'SELECT count(*)::int AS count FROM audit_event WHERE chain_seq IS NULL',
    )) as Array<{
      count: number;
    }>;
    return row!.count;
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
  async list(filter: AuditFilter, limit: number, beforeId?: string): Promise<AuditEntry[]> {
    const query = this.filtered(filter).orderBy('e.id', 'DESC').limit(limit);
    if (beforeId) query.andWhere('e.id < :beforeId', { beforeId });
    return (await query.getMany()).map(toEntry);
  }

  /** Oldest first by id, in batches, without holding the whole log in memory. */
  async *stream(filter: AuditFilter = {}, batchSize = 1000): AsyncGenerator<AuditEntry> {
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

  /** The sealed chain in chain order, for verification. */
  async *chain(batchSize = 1000): AsyncGenerator<ChainedAuditEntry> {
    let after = '0';
    for (;;) {
      const batch = await this.dataSource
        .getRepository(AuditEventEntity)
        .createQueryBuilder('e')
        .where('e.chainSeq > :after', { after })
        .orderBy('e.chainSeq', 'ASC')
        .limit(batchSize)
        .getMany();
      for (const row of batch) yield toEntry(row) as ChainedAuditEntry;
      if (batch.length < batchSize) return;
      after = batch[batch.length - 1]!.chainSeq!;
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

function toEntry(row: AuditEventEntity): AuditEntry {
  return { ...row, id: String(row.id), chainSeq: row.chainSeq === null ? null : String(row.chainSeq) };
}
