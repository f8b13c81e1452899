import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { CalendarService, formatInZone } from '@madoguchi/business-calendar';
import { Clock, type RequestContext } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { optionalText } from '../domain/bilingual';
import { serviceChangeViolations } from '../domain/notice-rules';
import { ruleBroken } from '../domain/notices.errors';
import { ServiceRepository } from '../infrastructure/service.repository';
import type { ServiceChangeEntity } from '../infrastructure/service-change.entity';

/** Major service changes and terminations: announced at least 3 calendar months before they take effect. */
@Injectable()
export class ServiceChangeService {
  constructor(
    private readonly services: ServiceRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async announce(
    context: RequestContext,
    input: { title: string; titleEn?: string | null; effectiveAt: Date; message: { ja: string; en?: string | null } },
  ) {
    const publishedAt = this.clock.now();
    const zone = await this.calendars.timeZone('support-hours');
    const violations = serviceChangeViolations(publishedAt, input.effectiveAt.getTime(), zone);
    if (violations.length > 0) throw ruleBroken(violations);
    const id = randomUUID();
    const saved = await this.unitOfWork.run(async (transaction) => {
      const change = await this.services.insertChange(transaction, {
        id,
        title: input.title,
        titleEn: optionalText(input.titleEn),
        effectiveAt: input.effectiveAt,
        messageJa: input.message.ja,
        messageEn: optionalText(input.message.en),
        publishedAt: new Date(publishedAt),
        createdBy: context.actor!.userId,
      });
      await this.audit.record(transaction, context, {
        action: 'service-change.announce',
        targetType: 'service-change',
        targetId: id,
        summary: { title: input.title, effectiveAt: input.effectiveAt.toISOString() },
      });
      return change;
    });
    return view(saved, zone);
  }

  async list() {
    const zone = await this.calendars.timeZone('support-hours');
    const changes = await this.services.changes();
    return changes.map((change) => view(change, zone));
  }
}

function view(change: ServiceChangeEntity, zone: string) {
  return {
    id: change.id,
    title: change.title,
    titleEn: change.titleEn,
    effectiveAt: formatInZone(change.effectiveAt.getTime(), zone),
    message: { ja: change.messageJa, en: change.messageEn },
    publishedAt: formatInZone(change.publishedAt.getTime(), zone),
  };
}
