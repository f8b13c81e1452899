import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock, DomainError, type RequestContext, ValidationFailedError } from '@madoguchi/common';

import { maintenanceViolations } from '../domain/notice-rules';
import { MaintenanceEntity, MaintenanceServiceEntity } from '../infrastructure/maintenance.entity';
import { ServiceEntity } from '../infrastructure/service.entity';

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
    const saved = await this.dataSource.transaction(async (manager) => {
      const services = await manager.findBy(ServiceEntity, { id: In(input.serviceIds) });
      if (services.length !== new Set(input.serviceIds).size)
        throw new ValidationFailedError([{ field: 'serviceIds', messages: ['every service id must name a service'] }]);
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
      return manager.findOneByOrFail(MaintenanceEntity, { id });
    });
    return this.view(saved, input.serviceIds, support.definition.timeZone);
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
    };
  }
}
