import { Injectable } from '@nestjs/common';

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
import { Clock, type RequestContext } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { UnitOfWork } from '@madoguchi/database';

import { type DisclosureSnapshot, parseMonth } from '../domain/disclosure';
import {
  badMonth,
  disclosureAlreadyPublished,
  disclosureMonthNotOver,
  disclosureNoFont,
  disclosureNotFound,
} from '../domain/kpi.errors';
import { monthRange } from '../domain/time-buckets';
import { findJapaneseFont, renderDisclosurePdf } from '../infrastructure/disclosure-pdf';
import type { DisclosureReportEntity } from '../infrastructure/disclosure-report.entity';
import { DisclosureReportRepository } from '../infrastructure/disclosure-report.repository';
import { KpiReportService } from './kpi-report.service';

const HOUR = 3_600_000;

/**
 * Monthly disclosure reports: a live preview of any month, and publication, which freezes the
 * figures and renders both PDFs once, so the published report never changes afterwards.
 */
@Injectable()
export class DisclosureService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly publishedReports: DisclosureReportRepository,
    private readonly reports: KpiReportService,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async preview(month: string): Promise<DisclosureSnapshot> {
    const [year, monthNumber] = this.month(month);
    const zone = await this.calendars.timeZone('support-hours');
    const { from, to } = monthRange(year, monthNumber, zone);
    const [report, availability] = await Promise.all([
      this.reports.report({ from: new Date(from), to: new Date(to) }),
      this.reports.availabilityByService({ from: new Date(from), to: new Date(to) }),
    ]);
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
      serviceAvailability: {
        total: availability.kpis.serviceAvailability,
        services: availability.groups.map((group) => ({
          name: group.label,
          nameEn: group.nameEn,
          figure: group.kpis.serviceAvailability,
        })),
      },
      computedAt: new Date(this.clock.now()).toISOString(),
    };
  }

  /** Freezes a finished month: figures, both PDFs, audited. A month is published once. */
  async publish(context: RequestContext, month: string, isPublic: boolean): Promise<DisclosureReportEntity> {
    const [year, monthNumber] = this.month(month);
    const zone = await this.calendars.timeZone('support-hours');
    if (monthRange(year, monthNumber, zone).to > this.clock.now()) throw disclosureMonthNotOver(month);
    const snapshot = await this.preview(month);
    const publishedAt = new Date(this.clock.now());
    const font = this.font();
    const [pdfJa, pdfEn] = await Promise.all([
      renderDisclosurePdf(snapshot, 'ja', font, publishedAt),
      renderDisclosurePdf(snapshot, 'en', font, publishedAt),
    ]);
    return this.unitOfWork.run(async (transaction) => {
      if (await this.publishedReports.exists(transaction, month)) throw disclosureAlreadyPublished(month);
      const stored = await this.publishedReports.insert(transaction, {
        month,
        snapshot,
        pdfJa,
        pdfEn,
        isPublic,
        publishedBy: context.actor!.userId,
        publishedAt,
      });
      await this.audit.record(transaction, context, {
        action: 'disclosure.publish',
        targetType: 'disclosure-report',
        targetId: month,
        summary: { definitionVersion: snapshot.definitionVersion, isPublic },
      });
      return stored;
    });
  }

  async setPublic(context: RequestContext, month: string, isPublic: boolean): Promise<void> {
    await this.unitOfWork.run(async (transaction) => {
      if (!(await this.publishedReports.setPublic(transaction, month, isPublic))) throw disclosureNotFound(month);
      await this.audit.record(transaction, context, {
        action: 'disclosure.visibility',
        targetType: 'disclosure-report',
        targetId: month,
        summary: { isPublic },
      });
    });
  }

  published(month: string): Promise<DisclosureReportEntity | null> {
    return this.publishedReports.find(month);
  }

  /** Published reports, newest first, without their PDFs; only public ones unless `all`. */
  list(all: boolean) {
    return this.publishedReports.list(all);
  }

  /** The stored PDF of a published report (`publicOnly`: only if it is public), or a live preview's. */
  async pdf(month: string, language: 'ja' | 'en', options: { publicOnly: boolean }): Promise<Buffer> {
    const report = await this.published(month);
    if (report && (!options.publicOnly || report.isPublic))
      return Buffer.from(language === 'ja' ? report.pdfJa : report.pdfEn);
    if (options.publicOnly) throw disclosureNotFound(month);
    return renderDisclosurePdf(await this.preview(month), language, this.font(), new Date(this.clock.now()));
  }

  private font(): string {
    const font = findJapaneseFont(this.config.PDF_FONT_PATH);
    if (!font) throw disclosureNoFont();
    return font;
  }

  private month(month: string): [number, number] {
    const parsed = parseMonth(month);
    if (!parsed) throw badMonth();
    return parsed;
  }
}
