import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';

import { BusinessCalendar } from '../domain/business-calendar';
import { calendarIdTaken, calendarNotFound } from '../domain/business-calendar.errors';
import { CalendarDefinition, calendarDefinitionProblems } from '../domain/calendar-definition';
import type { BusinessCalendarEntity } from '../infrastructure/business-calendar.entity';
import { BusinessCalendarRepository } from '../infrastructure/business-calendar.repository';

/** How stale a compiled calendar may be before its stored version is checked again. */
export const CALENDAR_RECHECK_MS = 5_000;

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
    private readonly stored: BusinessCalendarRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<CalendarDefinition[]> {
    return this.stored.definitions();
  }

  /** A calendar's time zone, from the compiled (cached) calendar: no query on the hot path. */
  async timeZone(id: string, transaction?: Transaction): Promise<string> {
    return (await this.calendar(id, transaction)).definition.timeZone;
  }

  async definition(id: string, transaction?: Transaction): Promise<CalendarDefinition> {
    return (await this.row(id, transaction)).definition;
  }

  /**
   * The calendar to compute with, rebuilt only when its definition changed. The stored version is
   * re-read at most every CALENDAR_RECHECK_MS, so an edit made through another process is in force
   * within that time (at once in this one). Inside a transaction, pass the transaction (on PGlite a
   * second connection would wait for the transaction to end).
   */
  async calendar(id: string, transaction?: Transaction, now = Date.now()): Promise<BusinessCalendar> {
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
    return this.unitOfWork.run(async (transaction) => {
      if (await this.stored.find(definition.id, transaction)) throw calendarIdTaken(definition.id);
      await this.stored.insert(transaction, definition);
      await this.audit.record(transaction, context, {
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
    const updated = await this.unitOfWork.run(async (transaction) => {
      const current = await this.stored.findForUpdate(transaction, id);
      if (!current) throw calendarNotFound(id);
      await this.stored.update(transaction, definition, current.version + 1);
      await this.audit.record(transaction, context, {
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
      throw new ValidationFailedError([
        { field: 'body', messages: ['a calendar definition object is required'], rule: 'object' },
      ]);
    }
    const problems = calendarDefinitionProblems(input);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return normalized(input);
  }

  private async row(id: string, transaction?: Transaction): Promise<BusinessCalendarEntity> {
    const row = await this.stored.find(id, transaction);
    if (!row) throw calendarNotFound(id);
    return row;
  }
}
