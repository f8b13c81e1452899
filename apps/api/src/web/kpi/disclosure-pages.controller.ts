import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { CalendarService, civilDateOf, SUPPORT_HOURS } from '@madoguchi/business-calendar';
import { Clock, DomainError, type RequestContext } from '@madoguchi/common';
import {
  availabilityPercent,
  DisclosureService,
  disclosureText,
  metAvailabilityTarget,
  metTarget,
  percent,
  PUBLISHED_KPIS,
} from '@madoguchi/kpi';

import { Ctx, Public, RequireRole } from '../../auth/auth.decorators';
import { formatCivilMonth, type Language, translator } from '../../i18n/i18n';
import { type ConfirmationPage, confirmationStep, confirmed } from '../shared/confirmation';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo } from '../shared/page';
import type { DisclosurePage, DisclosuresPage } from './kpi.page-models';

type FormBody = Record<string, string | undefined>;

/** What both disclosure pages need to show figures as the PDF does. */
const figures = (language: Language) => ({
  kpiNames: PUBLISHED_KPIS,
  text: disclosureText(language),
  percent,
  metTarget,
  availabilityPercent,
  metAvailabilityTarget,
});

/** The monthly disclosure report as a printable page (managers), and the public list of published ones. */
@ApiExcludeController()
@Controller()
export class DisclosurePagesController {
  constructor(
    private readonly disclosures: DisclosureService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get('kpi/disclosure')
  @RequireRole('manager')
  @Page('kpi/disclosure')
  async report(
    @ReaderLanguage() language: Language,
    @Query() query: Record<string, string | undefined>,
  ): Promise<DisclosurePage> {
    return this.reportModel(language, query.month ?? (await this.lastMonth()));
  }

  @Post('kpi/disclosure')
  @RequireRole('manager')
  @Page('kpi/disclosure')
  async publish(
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Body() body: FormBody,
  ): Promise<PageResponse<DisclosurePage | ConfirmationPage>> {
    const month = body.month ?? '';
    if (!confirmed(body) && /^\d{4}-\d{2}$/.test(month)) {
      return confirmationStep(translator(language), 'publishDisclosure', {
        action: '/kpi/disclosure',
        back: `/kpi/disclosure?month=${encodeURIComponent(month)}`,
        body,
        values: { month: formatCivilMonth(month, language) },
      });
    }
    try {
      await this.disclosures.publish(context, month, body.public === 'on');
    } catch (error) {
      if (error instanceof DomainError && error.kind !== 'not-found')
        return page(await this.reportModel(language, month, error), { status: 400 });
      throw error;
    }
    return redirectTo(`/kpi/disclosure?month=${encodeURIComponent(month)}`);
  }

  @Get('disclosures')
  @Public()
  @Page('kpi/disclosures')
  async publicList(@ReaderLanguage() language: Language): Promise<DisclosuresPage> {
    const reports = await this.disclosures.list(false);
    return { reports: reports.map((r) => ({ month: r.month, snapshot: r.snapshot })), ...figures(language) };
  }

  private async reportModel(language: Language, month: string, error?: DomainError): Promise<DisclosurePage> {
    const published = await this.disclosures.published(month);
    const snapshot = published?.snapshot ?? (await this.disclosures.preview(month));
    return {
      snapshot,
      published: published ? { publishedAt: published.publishedAt, isPublic: published.isPublic } : null,
      month,
      language,
      error,
      ...figures(language),
    };
  }

  private async lastMonth(): Promise<string> {
    const today = civilDateOf(this.clock.now(), await this.calendars.timeZone(SUPPORT_HOURS.id));
    const index = today.year * 12 + today.month - 2;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  }
}
