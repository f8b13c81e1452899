import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { CalendarService } from '@madoguchi/business-calendar';
import { DomainError, type RequestContext } from '@madoguchi/common';

import { DeskClosureEntity } from '../infrastructure/desk-closure.entity';
import { closureView } from './telephony-views';

/** Unplanned closures of the phone desk, recorded by managers; they count against the operating rate. */
@Injectable()
export class DeskClosures {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
  ) {}

  async record(context: RequestContext, input: { startsAt: Date; endsAt: Date; reason: string }) {
    if (input.endsAt.getTime() <= input.startsAt.getTime())
      throw new DomainError('closure.empty', 'A closure must end after it starts.', 'rule-violation', {
        field: 'endsAt',
      });
    const id = randomUUID();
    const closure = await this.dataSource.transaction(async (manager) => {
      await manager.insert(DeskClosureEntity, { id, ...input, createdBy: context.actor!.userId });
      await this.audit.record(manager, context, {
        action: 'closure.record',
        targetType: 'desk-closure',
        targetId: id,
        summary: { startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), reason: input.reason },
      });
      return manager.findOneByOrFail(DeskClosureEntity, { id });
    });
    return closureView(closure, await this.calendars.timeZone('support-hours'));
  }

  async remove(context: RequestContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const closure = await manager.findOneBy(DeskClosureEntity, { id });
      if (!closure) throw new DomainError('closure.not-found', `No closure with id ${id}.`, 'not-found');
      await manager.delete(DeskClosureEntity, { id });
      await this.audit.record(manager, context, {
        action: 'closure.remove',
        targetType: 'desk-closure',
        targetId: id,
        summary: { startsAt: closure.startsAt.toISOString(), endsAt: closure.endsAt.toISOString() },
      });
    });
  }

  /** Closures overlapping [from, to), earliest first. */
  async list(from: Date, to: Date) {
    const closures = await this.dataSource
      .getRepository(DeskClosureEntity)
      .createQueryBuilder('closure')
      .where('closure.startsAt < :to AND closure.endsAt > :from', { from, to })
      .orderBy('closure.startsAt', 'ASC')
      .getMany();
    const zone = await this.calendars.timeZone('support-hours');
    return closures.map((closure) => closureView(closure, zone));
  }
}
