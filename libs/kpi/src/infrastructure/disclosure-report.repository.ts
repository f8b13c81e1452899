import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

import { DisclosureReportEntity } from './disclosure-report.entity';

/** `disclosure_report`: published monthly reports, frozen with their PDFs. */
@Injectable()
export class DisclosureReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(month: string): Promise<DisclosureReportEntity | null> {
    return this.dataSource.getRepository(DisclosureReportEntity).findOneBy({ month });
  }

  /** Published reports, newest first, without their PDFs; only public ones unless `all`. */
  list(all: boolean): Promise<DisclosureReportEntity[]> {
    return this.dataSource.getRepository(DisclosureReportEntity).find({
      select: { month: true, isPublic: true, publishedAt: true, snapshot: true },
      where: all ? {} : { isPublic: true },
      order: { month: 'DESC' },
    });
  }

  exists(transaction: Transaction, month: string): Promise<boolean> {
    return managerOf(transaction).existsBy(DisclosureReportEntity, { month });
  }

  /** Stores the published report; it as stored. */
  async insert(
    transaction: Transaction,
    report: Omit<DisclosureReportEntity, 'publisher'>,
  ): Promise<DisclosureReportEntity> {
    const manager = managerOf(transaction);
    await manager.insert(DisclosureReportEntity, report);
    return manager.findOneByOrFail(DisclosureReportEntity, { month: report.month });
  }

  /** Whether a published report for the month was there to change. */
  async setPublic(transaction: Transaction, month: string, isPublic: boolean): Promise<boolean> {
    const result = await managerOf(transaction).update(DisclosureReportEntity, { month }, { isPublic });
    return result.affected === 1;
  }
}
