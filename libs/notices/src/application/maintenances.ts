import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock, DomainError, type RequestContext } from '@madoguchi/common';

import { maintenanceViolations } from '../domain/notice-rules';
import { MaintenanceEntity, MaintenanceServiceEntity } from '../infrastructure/maintenance.entity';
import { MaintenanceNotices } from './maintenance-notices';
import { NoticeOutbox } from './notice-outbox';
import { Services } from './services';

export interface MaintenanceInput {
  title: string;
  serviceIds: string[];
  startsAt: Date;
  endsAt: Date;
  kind: 'planned' | 'emergency';
  reason?: string | null;
  message: { ja: string; en?: string | null };
}

/**
 * Announcing maintenance, under the published rules (6 months' notice for planned work, a reason
 * for emergencies, never during support hours). Publication is the moment of announcement.
 */
@Injectable()
export class Maintenances {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notices: MaintenanceNotices,
    private readonly outbox: NoticeOutbox,
    private readonly services: Services,
  ) {}

  async announce(context: RequestContext, input: MaintenanceInput) {
    const publishedAt = this.clock.now();
    const support = await this.calendars.calendar('support-hours');
    const [violation, ...more] = maintenanceViolations(
      {
        startsAt: input.startsAt.getTime(),
        endsAt: input.endsAt.getTime(),
        kind: input.kind,
        reason: input.reason,
        publishedAt,
      },
      support,
    );
    if (violation)
      throw new DomainError(violation.rule, violation.message, 'rule-violation', {
        rule: violation.rule,
        field: violation.field,
        ...violation.details,
        ...(more.length > 0 ? { alsoBroken: more.map((v) => ({ rule: v.rule, message: v.message })) } : {}),
      });
    const id = randomUUID();
    const { saved, noticeId } = await this.dataSource.transaction(async (manager) => {
      const services = await this.services.named(manager, input.serviceIds);
      await manager.insert(MaintenanceEntity, {
        id,
        title: input.title,
        kind: input.kind,
        reason: input.reason?.trim() || null,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        messageJa: input.message.ja,
        messageEn: input.message.en ?? null,
        publishedAt: new Date(publishedAt),
        createdBy: context.actor!.userId,
      });
      await manager.insert(
        MaintenanceServiceEntity,
        services.map((service) => ({ maintenanceId: id, serviceId: service.id })),
      );
      await this.audit.record(manager, context, {
        action: 'maintenance.announce',
        targetType: 'maintenance',
        targetId: id,
        summary: { kind: input.kind, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() },
      });
      const maintenance = await manager.findOneByOrFail(MaintenanceEntity, { id });
      return { saved: maintenance, noticeId: await this.notices.announced(manager, maintenance, publishedAt) };
    });
    await this.outbox.relayPromptly([noticeId]);
    return this.view(saved, input.serviceIds, support.definition.timeZone);
  }

  /** An update to the announced window's message, e-mailed to its subscribers. */
  async postUpdate(context: RequestContext, id: string, message: { ja: string; en?: string | null }) {
    return this.change(context, id, 'update', async (manager, maintenance, now) => {
      await manager.update(MaintenanceEntity, { id }, { messageJa: message.ja, messageEn: message.en ?? null });
      return this.notices.write(manager, maintenance, 'update', message.ja, message.en ?? null, now);
    });
  }

  /** Cancels the window: no reminders or start/completion notices follow; subscribers are told why. */
  async cancel(context: RequestContext, id: string, reason: { ja: string; en?: string | null }) {
    return this.change(context, id, 'cancel', async (manager, maintenance, now) => {
      await manager.update(MaintenanceEntity, { id }, { cancelledAt: new Date(now), cancelReason: reason.ja });
      await manager.query(
        `UPDATE maintenance_schedule SET cancelled = true WHERE maintenance_id = $1 AND notice_id IS NULL`,
        [id],
      );
      return this.notices.write(manager, maintenance, 'cancellation', reason.ja, reason.en ?? null, now);
    });
  }

  async get(id: string) {
    const maintenance = await this.dataSource.getRepository(MaintenanceEntity).findOneBy({ id });
    if (!maintenance) throw new DomainError('not-found', 'No such maintenance', 'not-found');
    const links = await this.dataSource.getRepository(MaintenanceServiceEntity).findBy({ maintenanceId: id });
    const noticeIds = (
      (await this.dataSource.query(`SELECT id FROM notice WHERE subject_type = 'maintenance' AND subject_id = $1`, [
        id,
      ])) as Array<{ id: string }>
    ).map((row) => row.id);
    const schedule = (await this.dataSource.query(
      `SELECT kind, due_at, notice_id IS NOT NULL AS sent, cancelled FROM maintenance_schedule
        WHERE maintenance_id = $1 ORDER BY due_at`,
      [id],
    )) as Array<{ kind: string; due_at: Date; sent: boolean; cancelled: boolean }>;
    const zone = await this.calendars.timeZone('support-hours');
    return {
      ...this.view(
        maintenance,
        links.map((link) => link.serviceId),
        zone,
      ),
      schedule: schedule.map((row) => ({
        kind: row.kind,
        dueAt: formatInZone(new Date(row.due_at).getTime(), zone),
        sent: row.sent,
        cancelled: row.cancelled,
      })),
      delivery: await this.outbox.progress(noticeIds),
    };
  }

  private async change(
    context: RequestContext,
    id: string,
    action: 'update' | 'cancel',
    apply: (manager: EntityManager, maintenance: MaintenanceEntity, now: number) => Promise<string>,
  ) {
    const now = this.clock.now();
    const noticeId = await this.dataSource.transaction(async (manager) => {
      const maintenance = await manager
        .getRepository(MaintenanceEntity)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.id = :id', { id })
        .getOne();
      if (!maintenance) throw new DomainError('not-found', 'No such maintenance', 'not-found');
      if (maintenance.cancelledAt)
        throw new DomainError('maintenance.cancelled', 'The maintenance was cancelled', 'conflict');
      if (maintenance.endsAt.getTime() <= now)
        throw new DomainError('maintenance.finished', 'The maintenance window is over', 'conflict');
      const written = await apply(manager, maintenance, now);
      await this.audit.record(manager, context, {
        action: `maintenance.${action}`,
        targetType: 'maintenance',
        targetId: id,
        summary: { noticeId: written },
      });
      return written;
    });
    await this.outbox.relayPromptly([noticeId]);
    return this.get(id);
  }

  /** Announced windows ending after `from`, earliest first. */
  async list(from = new Date(this.clock.now())) {
    const windows = await this.dataSource
      .getRepository(MaintenanceEntity)
      .createQueryBuilder('m')
      .where('m.endsAt > :from', { from })
      .orderBy('m.startsAt', 'ASC')
      .getMany();
    const links = windows.length
      ? await this.dataSource
          .getRepository(MaintenanceServiceEntity)
          .findBy({ maintenanceId: In(windows.map((w) => w.id)) })
      : [];
    const zone = await this.calendars.timeZone('support-hours');
    return windows.map((w) =>
      this.view(
        w,
        links.filter((link) => link.maintenanceId === w.id).map((link) => link.serviceId),
        zone,
      ),
    );
  }

  private view(maintenance: MaintenanceEntity, serviceIds: string[], zone: string) {
    return {
      id: maintenance.id,
      title: maintenance.title,
      kind: maintenance.kind,
      emergency: maintenance.kind === 'emergency',
      reason: maintenance.reason,
      serviceIds,
      startsAt: formatInZone(maintenance.startsAt.getTime(), zone),
      endsAt: formatInZone(maintenance.endsAt.getTime(), zone),
      message: { ja: maintenance.messageJa, en: maintenance.messageEn },
      publishedAt: formatInZone(maintenance.publishedAt.getTime(), zone),
      cancelledAt: maintenance.cancelledAt ? formatInZone(maintenance.cancelledAt.getTime(), zone) : null,
      cancelReason: maintenance.cancelReason,
    };
  }
}
