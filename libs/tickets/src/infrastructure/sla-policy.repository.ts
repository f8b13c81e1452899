import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, runnerOf, type Transaction } from '@madoguchi/database';

import type { SlaPolicy } from '../domain/sla-policy';
import { SlaPolicyEntity } from './sla-policy.entity';

const snapshot = (p: SlaPolicyEntity): SlaPolicy => ({
  id: p.id,
  name: p.name,
  position: p.position,
  conditions: p.conditions,
  calendarId: p.calendarId,
  firstResponseMs: p.firstResponseMs,
  resolutionMs: p.resolutionMs,
});

/** `sla_policy`: the SLA policies in the order they are tried. */
@Injectable()
export class SlaPolicyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(transaction?: Transaction): Promise<SlaPolicy[]> {
    const rows = await runnerOf(transaction, this.dataSource).find(SlaPolicyEntity, { order: { position: 'ASC' } });
    return rows.map(snapshot);
  }

  /** The policy, locked for the rest of the caller's transaction; null when there is none. */
  async findForUpdate(transaction: Transaction, id: string): Promise<SlaPolicy | null> {
    const row = await managerOf(transaction).findOne(SlaPolicyEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    return row && snapshot(row);
  }

  async find(transaction: Transaction, id: string): Promise<SlaPolicy> {
    return snapshot(await managerOf(transaction).findOneByOrFail(SlaPolicyEntity, { id }));
  }

  /** The policy at `position`, if any (positions are unique). */
  async atPosition(transaction: Transaction, position: number): Promise<SlaPolicy | null> {
    const row = await managerOf(transaction).findOneBy(SlaPolicyEntity, { position });
    return row && snapshot(row);
  }

  async insert(transaction: Transaction, policy: SlaPolicy): Promise<void> {
    await managerOf(transaction).insert(SlaPolicyEntity, policy);
  }

  async update(transaction: Transaction, id: string, policy: Omit<SlaPolicy, 'id'>): Promise<void> {
    await managerOf(transaction).update(SlaPolicyEntity, { id }, { ...policy, updatedAt: new Date() });
  }

  /** Whether a business calendar with this id exists (a policy's calendar must). */
  async calendarExists(transaction: Transaction, calendarId: string): Promise<boolean> {
    const rows = (await managerOf(transaction).query(`SELECT 1 FROM business_calendar WHERE id = $1`, [
      calendarId,
    ])) as unknown[];
    return rows.length > 0;
  }
}
