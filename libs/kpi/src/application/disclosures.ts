import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import {
  addDays,
  CalendarService,
  civilDateOf,
  describeWeeklyHours,
  formatCivilDate,
  weekdayOf,
  zonedToEpoch,
} from '@madoguchi/business-calendar';
import { Clock, DomainError, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';

import { type DisclosureSnapshot, parseMonth } from '../domain/disclosure';
import { monthRange } from '../domain/time-buckets';
import { findJapaneseFont, renderDisclosurePdf } from '../infrastructure/disclosure-pdf';
import { DisclosureReportEntity } from '../infrastructure/disclosure-report.entity';
import { KpiReport } from './kpi-report';

const HOUR = 3_600_000;

/**
 * Monthly disclosure reports: a live preview of any month, and publication, which freezes the
 * figures and renders both PDFs once, so the published report never changes afterwards.
 */
@Injectable()
export class Disclosures {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: KpiReport,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async preview(month: string): Promise<DisclosureSnapshot> {
    const [year, monthNumber] = this.month(month);
    const zone = await this.calendars.timeZone('support-hours');
    const { from, to } = monthRange(year, monthNumber, zone);
    const report = await this.reports.report({ from: new Date(from), to: new Date(to) });
    const calendar = await this.calendars.calendar(report.definition.calendarId);
    const open = calendar.openIntervals(from, to);
    const openDates = new Set(open.map((interval) => formatCivilDate(civilDateOf(interval.start, zone))));
    const closedWeekdays: string[] = [];
    for (
      let day = civilDateOf(from, zone);
      zonedToEpoch(day.year, day.month, day.day, 0, zone) < to;
      day = addDays(day, 1)
    ) {
      const weekday = weekdayOf(day);
      if (weekday >= 1 && weekday <= 5 && !openDates.has(formatCivilDate(day)))
        closedWeekdays.push(formatCivilDate(day));
    }
    return {
      month,
      companyName: this.config.COMPANY_NAME ?? null,
      from: report.from,
      to: report.to,
      timeZone: report.timeZone,
      definitionVersion: report.definitionVersion,
      definition: report.definition,
      kpis: {
        supportOperatingRate: report.kpis.supportOperatingRate,
        abandonmentRate: report.kpis.abandonmentRate,
        responseTimeComplianceRate: report.kpis.responseTimeComplianceRate,
        completionWithinStandardTimeRate: report.kpis.completionWithinStandardTimeRate,
      },
      calls: report.calls,
      supportHours: {
        weekly: {
          ja: describeWeeklyHours(calendar.definition, 'ja'),
          en: describeWeeklyHours(calendar.definition, 'en'),
        },
        openDays: openDates.size,
        openHours: open.reduce((sum, interval) => sum + (interval.end - interval.start), 0) / HOUR,
        closedWeekdays,
      },
      incidentNotices: report.kpis.incidentsNotifiedWithinHour,
      computedAt: new Date(this.clock.now()).toISOString(),
    };
  }

  /** Freezes a finished month: figures, both PDFs, audited. A month is published once. */
  async publish(context: RequestContext, month: string, isPublic: boolean): Promise<DisclosureReportEntity> {
    const [year, monthNumber] = this.month(month);
    const zone = await this.calendars.timeZone('support-hours');
    if (monthRange(year, monthNumber, zone).to > this.clock.now())
      throw new DomainError(
        'disclosure.month-not-over',
        `${month} is not over yet; publish it once it has ended.`,
        'rule-violation',
      );
    const snapshot = await this.preview(month);
    const publishedAt = new Date(this.clock.now());
    const font = this.font();
    const [pdfJa, pdfEn] = await Promise.all([
      renderDisclosurePdf(snapshot, 'ja', font, publishedAt),
      renderDisclosurePdf(snapshot, 'en', font, publishedAt),
    ]);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(DisclosureReportEntity, { month }))
        throw new DomainError(
          'disclosure.already-published',
          `The report for ${month} is already published.`,
          'conflict',
        );
      await manager.insert(DisclosureReportEntity, {
        month,
        snapshot,
        pdfJa,
        pdfEn,
        isPublic,
        publishedBy: context.actor!.userId,
        publishedAt,
      });
      await this.audit.record(manager, context, {
        action: 'disclosure.publish',
        targetType: 'disclosure-report',
        targetId: month,
        summary: { definitionVersion: snapshot.definitionVersion, isPublic },
      });
      return manager.findOneByOrFail(DisclosureReportEntity, { month });
    });
  }

  async setPublic(context: RequestContext, month: string, isPublic: boolean): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(DisclosureReportEntity, { month }, { isPublic });
      if (result.affected !== 1) throw notPublished(month);
      await this.audit.record(manager, context, {
        action: 'disclosure.visibility',
        targetType: 'disclosure-report',
        targetId: month,
        summary: { isPublic },
      });
    });
  }

  published(month: string): Promise<DisclosureReportEntity | null> {
    return this.dataSource.getRepository(DisclosureReportEntity).findOneBy({ month });
  }

  /** Published reports, newest first, without their PDFs; only public ones unless `all`. */
  list(all: boolean) {
    return this.dataSource.getRepository(DisclosureReportEntity).find({
      select: { month: true, isPublic: true, publishedAt: true, snapshot: true },
      where: all ? {} : { isPublic: true },
      order: { month: 'DESC' },
    });
  }

  /** The stored PDF of a published report (`publicOnly`: only if it is public), or a live preview's. */
  async pdf(month: string, language: 'ja' | 'en', options: { publicOnly: boolean }): Promise<Buffer> {
    const report = await this.published(month);
    if (report && (!options.publicOnly || report.isPublic))
      return Buffer.from(language === 'ja' ? report.pdfJa : report.pdfEn);
    if (options.publicOnly) throw notPublished(month);
    return renderDisclosurePdf(await this.preview(month), language, this.font(), new Date(this.clock.now()));
  }

  private font(): string {
    const font = findJapaneseFont(this.config.PDF_FONT_PATH);
    if (!font)
      throw new DomainError(
        'disclosure.no-font',
        'No Japanese font for PDFs: install fonts-ipaexfont-gothic or set PDF_FONT_PATH. The printable page works without it.',
        'unavailable',
      );
    return font;
  }

  private month(month: string): [number, number] {
    const parsed = parseMonth(month);
    if (!parsed) throw new ValidationFailedError([{ field: 'month', messages: ['month must be YYYY-MM'] }]);
    return parsed;
  }
}

const notPublished = (month: string) =>
  new DomainError('disclosure.not-found', `No published report for ${month}.`, 'not-found');
