import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, runnerOf, type Transaction } from '@madoguchi/database';

import type { CalendarDefinition } from '../domain/calendar-definition';
import { BusinessCalendarEntity } from './business-calendar.entity';

/** `business_calendar`: calendar definitions, each with a version that grows with every edit. */
@Injectable()
export class BusinessCalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Built-in calendars first, then by id. */
  async definitions(): Promise<CalendarDefinition[]> {
    const rows = await this.dataSource
      .getRepository(BusinessCalendarEntity)
      .find({ order: { builtIn: 'DESC', id: 'ASC' } });
    return rows.map((row) => row.definition);
  }

  /** Inside the caller's transaction when given (on PGlite a second connection would wait for it). */
  find(id: string, transaction?: Transaction): Promise<BusinessCalendarEntity | null> {
    return runnerOf(transaction, this.dataSource).getRepository(BusinessCalendarEntity).findOneBy({ id });
  }

  /** The calendar, locked for the rest of the caller's transaction. */
  findForUpdate(transaction: Transaction, id: string): Promise<BusinessCalendarEntity | null> {
    return managerOf(transaction).findOne(BusinessCalendarEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async insert(transaction: Transaction, definition: CalendarDefinition): Promise<void> {
    await managerOf(transaction).insert(BusinessCalendarEntity, {
      id: definition.id,
      name: definition.name,
      definition: definition as never,
    });
  }

  /** Replaces the definition as version `version`. */
  async update(transaction: Transaction, definition: CalendarDefinition, version: number): Promise<void> {
    await managerOf(transaction).update(
      BusinessCalendarEntity,
      { id: definition.id },
      { name: definition.name, definition: definition as never, version, updatedAt: new Date() },
    );
  }
}
