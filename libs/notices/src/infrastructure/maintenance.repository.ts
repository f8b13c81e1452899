import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';

import { managerOf, runnerOf, type Transaction } from '@madoguchi/database';

import { MaintenanceEntity, MaintenanceServiceEntity } from './maintenance.entity';

export type NewMaintenance = Omit<MaintenanceEntity, 'cancelledAt' | 'cancelReason' | 'changedAt' | 'creator'>;

/** A scheduled notice of a window: a reminder, its start or its completion. */
export interface ScheduledNotice {
  kind: string;
  dueAt: Date;
  sent: boolean;
  cancelled: boolean;
}

/** Maintenance windows, the services they affect, and the schedule of their later notices. */
@Injectable()
export class MaintenanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    transaction: Transaction,
    maintenance: NewMaintenance,
    serviceIds: string[],
  ): Promise<MaintenanceEntity> {
    const manager = managerOf(transaction);
    await manager.insert(MaintenanceEntity, maintenance);
    await manager.insert(
      MaintenanceServiceEntity,
      serviceIds.map((serviceId) => ({ maintenanceId: maintenance.id, serviceId })),
    );
    return manager.findOneByOrFail(MaintenanceEntity, { id: maintenance.id });
  }

  find(transaction: Transaction | undefined, id: string): Promise<MaintenanceEntity | null> {
    return runnerOf(transaction, this.dataSource).findOneBy(MaintenanceEntity, { id });
  }

  /** The window, locked against concurrent changes until the caller's transaction ends. */
  lockForChange(transaction: Transaction, id: string): Promise<MaintenanceEntity | null> {
    return managerOf(transaction)
      .getRepository(MaintenanceEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id })
      .getOne();
  }

  /** The window's new times and/or text, and when it changed. */
  async changeWindow(
    transaction: Transaction,
    id: string,
    change: { startsAt?: Date; endsAt?: Date; message?: { ja: string; en: string | null }; changedAt: Date },
  ): Promise<void> {
    const { message, ...rest } = change;
    await managerOf(transaction).update(
      MaintenanceEntity,
      { id },
      { ...rest, ...(message ? { messageJa: message.ja, messageEn: message.en } : {}) },
    );
  }

  /**
   * The schedule of a moved window: each notice of the new schedule is due at its new time and
   * unsent (one sent for the old time goes again); scheduled notices the new one has no place for
   * are cancelled if not sent.
   */
  async replaceSchedule(
    transaction: Transaction,
    id: string,
    entries: ReadonlyArray<{ kind: string; dueAt: number }>,
  ): Promise<void> {
    const manager = managerOf(transaction);
    await manager.query(
      `INSERT INTO maintenance_schedule (maintenance_id, kind, due_at)
       SELECT $1, kind, due_at FROM unnest($2::varchar[], $3::timestamptz[]) AS s(kind, due_at)
       ON CONFLICT (maintenance_id, kind) DO UPDATE SET due_at = EXCLUDED.due_at, notice_id = NULL, cancelled = false`,
      [id, entries.map((entry) => entry.kind), entries.map((entry) => new Date(entry.dueAt))],
    );
    await manager.query(
      `UPDATE maintenance_schedule SET cancelled = true
        WHERE maintenance_id = $1 AND notice_id IS NULL AND NOT (kind = ANY($2::varchar[]))`,
      [id, entries.map((entry) => entry.kind)],
    );
  }

  /** Cancels the window and every scheduled notice not yet sent. */
  async cancel(transaction: Transaction, id: string, at: Date, reason: string): Promise<void> {
    const manager = managerOf(transaction);
    await manager.update(MaintenanceEntity, { id }, { cancelledAt: at, cancelReason: reason });
    await manager.query(
      `UPDATE maintenance_schedule SET cancelled = true WHERE maintenance_id = $1 AND notice_id IS NULL`,
      [id],
    );
  }

  /** Windows ending after `from`, earliest first. */
  endingAfter(from: Date): Promise<MaintenanceEntity[]> {
    return this.dataSource
      .getRepository(MaintenanceEntity)
      .createQueryBuilder('m')
      .where('m.endsAt > :from', { from })
      .orderBy('m.startsAt', 'ASC')
      .getMany();
  }

  /** Windows not cancelled that overlap [from, to), with their kind and services (availability leaves them out). */
  async windowsBetween(
    from: Date,
    to: Date,
  ): Promise<Array<{ from: number; to: number; emergency: boolean; serviceIds: string[] }>> {
    const rows = (await this.dataSource.query(
      `SELECT m.starts_at, m.ends_at, m.kind,
              ARRAY(SELECT s.service_id FROM maintenance_service s WHERE s.maintenance_id = m.id) AS service_ids
         FROM maintenance m
        WHERE m.cancelled_at IS NULL AND m.starts_at < $2 AND m.ends_at > $1`,
      [from.toISOString(), to.toISOString()],
    )) as Array<{ starts_at: Date; ends_at: Date; kind: 'planned' | 'emergency'; service_ids: string[] }>;
    return rows.map((row) => ({
      from: new Date(row.starts_at).getTime(),
      to: new Date(row.ends_at).getTime(),
      emergency: row.kind === 'emergency',
      serviceIds: row.service_ids,
    }));
  }

  /** The services of each window, by window id. */
  async serviceIds(transaction: Transaction | undefined, ids: string[]): Promise<Map<string, string[]>> {
    const byWindow = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byWindow;
    const links = await runnerOf(transaction, this.dataSource).findBy(MaintenanceServiceEntity, {
      maintenanceId: In(ids),
    });
    for (const link of links) byWindow.get(link.maintenanceId)?.push(link.serviceId);
    return byWindow;
  }

  /** The notices written about the window. */
  async noticeIds(id: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM notice WHERE subject_type = 'maintenance' AND subject_id = $1`,
      [id],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  async insertSchedule(
    transaction: Transaction,
    id: string,
    entries: ReadonlyArray<{ kind: string; dueAt: number }>,
  ): Promise<void> {
    for (const entry of entries)
      await managerOf(transaction).query(
        `INSERT INTO maintenance_schedule (maintenance_id, kind, due_at) VALUES ($1, $2, $3)`,
        [id, entry.kind, new Date(entry.dueAt)],
      );
  }

  async schedule(id: string): Promise<ScheduledNotice[]> {
    const rows = (await this.dataSource.query(
      `SELECT kind, due_at, notice_id IS NOT NULL AS sent, cancelled FROM maintenance_schedule
        WHERE maintenance_id = $1 ORDER BY due_at`,
      [id],
    )) as Array<{ kind: string; due_at: Date; sent: boolean; cancelled: boolean }>;
    return rows.map((row) => ({
      kind: row.kind,
      dueAt: new Date(row.due_at),
      sent: row.sent,
      cancelled: row.cancelled,
    }));
  }

  /**
   * Up to `limit` scheduled notices due by `now` and not yet written, locked for the caller's
   * transaction (SKIP LOCKED: another scan takes others).
   */
  async lockDue(
    transaction: Transaction,
    now: Date,
    limit: number,
  ): Promise<Array<{ maintenanceId: string; kind: string }>> {
    return (await managerOf(transaction).query(
      `SELECT maintenance_id AS "maintenanceId", kind FROM maintenance_schedule
        WHERE notice_id IS NULL AND NOT cancelled AND due_at <= $1
        ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    )) as Array<{ maintenanceId: string; kind: string }>;
  }

  async markScheduleWritten(transaction: Transaction, maintenanceId: string, kind: string, noticeId: string) {
    await managerOf(transaction).query(
      `UPDATE maintenance_schedule SET notice_id = $3 WHERE maintenance_id = $1 AND kind = $2`,
      [maintenanceId, kind, noticeId],
    );
  }
}
