import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { CalendarService } from '@madoguchi/business-calendar';
import type { RequestContext } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { closureEmpty, closureNotFound } from '../domain/telephony.errors';
import { DeskClosureRepository } from '../infrastructure/desk-closure.repository';
import { closureView } from './telephony-views';

/** Unplanned closures of the phone desk, recorded by managers; they count against the operating rate. */
@Injectable()
export class DeskClosureService {
  constructor(
    private readonly closures: DeskClosureRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
  ) {}

  async record(context: RequestContext, input: { startsAt: Date; endsAt: Date; reason: string }) {
    if (input.endsAt.getTime() <= input.startsAt.getTime()) throw closureEmpty();
    const id = randomUUID();
    const closure = await this.unitOfWork.run(async (transaction) => {
      const stored = await this.closures.insert(transaction, { id, ...input, createdBy: context.actor!.userId });
      await this.audit.record(transaction, context, {
        action: 'closure.record',
        targetType: 'desk-closure',
        targetId: id,
        summary: { startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), reason: input.reason },
      });
      return stored;
    });
    return closureView(closure, await this.calendars.timeZone('support-hours'));
  }

  async remove(context: RequestContext, id: string): Promise<void> {
    await this.unitOfWork.run(async (transaction) => {
      const closure = await this.closures.find(transaction, id);
      if (!closure) throw closureNotFound(id);
      await this.closures.delete(transaction, id);
      await this.audit.record(transaction, context, {
        action: 'closure.remove',
        targetType: 'desk-closure',
        targetId: id,
        summary: { startsAt: closure.startsAt.toISOString(), endsAt: closure.endsAt.toISOString() },
      });
    });
  }

  /** Closures overlapping [from, to), earliest first. */
  async list(from: Date, to: Date) {
    const closures = await this.closures.overlapping(from, to);
    const zone = await this.calendars.timeZone('support-hours');
    return closures.map((closure) => closureView(closure, zone));
  }
}
