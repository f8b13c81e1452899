import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { DomainError, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { runnerOf, type TransactionLike } from '@madoguchi/database';

import { BusinessCalendar } from '../domain/business-calendar';
import { CalendarDefinition, calendarDefinitionProblems } from '../domain/calendar-definition';
import { BusinessCalendarEntity } from '../infrastructure/business-calendar.entity';

/** How stale a compiled calendar may be before its stored version is checked again. */
export const CALENDAR_RECHECK_MS = 5_000;

export const calendarNotFound = (id: string) =>
  new DomainError('calendar.not-found', `No business calendar with id ${id}.`, 'not-found');

/** Only the fields of a definition, in a fixed order, whatever the client sent besides. */
function normalized(definition: CalendarDefinition): CalendarDefinition {
  return {
    id: definition.id,
    name: definition.name.trim(),
    timeZone: definition.timeZone,
    weekly: definition.weekly,
    holidays: definition.holidays,
    closedDates: [...new Set(definition.closedDates ?? [])].sort(),
    openDates: [...(definition.openDates ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/**
 * Business calendars: stored definitions, and compiled calendars cached per definition version
 * (so every process notices an edit made through another).
 */
@Injectable()
export class CalendarService {
  private readonly compiled = new Map<string, { version: number; calendar: BusinessCalendar; checkedAt: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<CalendarDefinition[]> {
    const rows = await this.dataSource
      .getRepository(BusinessCalendarEntity)
      .find({ order: { builtIn: 'DESC', id: 'ASC' } });
    return rows.map((row) => row.definition);
  }

  /** A calendar's time zone, from the compiled (cached) calendar: no query on the hot path. */
  async timeZone(id: string, transaction?: TransactionLike): Promise<string> {
    return (await this.calendar(id, transaction)).definition.timeZone;
  }

  async definition(id: string, transaction?: TransactionLike): Promise<CalendarDefinition> {
    return (await this.row(id, transaction)).definition;
  }

  /**
   * The calendar to compute with, rebuilt only when its definition changed. The stored version is
   * re-read at most every CALENDAR_RECHECK_MS, so an edit made through another process is in force
   * within that time (at once in this one). Inside a transaction, pass the transaction (on PGlite a
   * second connection would wait for the transaction to end).
   */
  async calendar(id: string, transaction?: TransactionLike, now = Date.now()): Promise<BusinessCalendar> {
    const cached = this.compiled.get(id);
    if (cached && now - cached.checkedAt < CALENDAR_RECHECK_MS) return cached.calendar;
    const row = await this.row(id, transaction);
    if (cached && cached.version === row.version) {
      cached.checkedAt = now;
      return cached.calendar;
    }
    const calendar = new BusinessCalendar(row.definition);
    this.compiled.set(id, { version: row.version, calendar, checkedAt: now });
    return calendar;
  }

  async create(context: RequestContext, input: CalendarDefinition): Promise<CalendarDefinition> {
    const definition = this.validated(input);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.findOneBy(BusinessCalendarEntity, { id: definition.id })) {
        throw new DomainError('calendar.id-taken', `A calendar with id ${definition.id} already exists.`, 'conflict');
      }
      await manager.insert(BusinessCalendarEntity, {
        id: definition.id,
        name: definition.name,
        definition: definition as never,
      });
      await this.audit.record(manager, context, {
        action: 'calendar.create',
        targetType: 'business_calendar',
        targetId: definition.id,
        summary: { after: definition },
      });
      return definition;
    });
  }

  async update(context: RequestContext, id: string, input: CalendarDefinition): Promise<CalendarDefinition> {
    const definition = this.validated({ ...input, id });
    const updated = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(BusinessCalendarEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw calendarNotFound(id);
      await manager.update(
        BusinessCalendarEntity,
        { id },
        { name: definition.name, definition: definition as never, version: current.version + 1, updatedAt: new Date() },
      );
      await this.audit.record(manager, context, {
        action: 'calendar.update',
        targetType: 'business_calendar',
        targetId: id,
        summary: { before: current.definition, after: definition },
      });
      return definition;
    });
    this.compiled.delete(id);
    return updated;
  }

  private validated(input: CalendarDefinition): CalendarDefinition {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new ValidationFailedError([{ field: 'body', messages: ['a calendar definition object is required'] }]);
    }
    const problems = calendarDefinitionProblems(input);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return normalized(input);
  }

  private async row(id: string, transaction?: TransactionLike): Promise<BusinessCalendarEntity> {
    const row = await runnerOf(transaction, this.dataSource).getRepository(BusinessCalendarEntity).findOneBy({ id });
    if (!row) throw calendarNotFound(id);
    return row;
  }
}
