import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { CalendarService, civilDateOf } from '@madoguchi/business-calendar';
import { Clock, DomainError } from '@madoguchi/common';
import { DisclosureService, disclosureText, metTarget, percent, PUBLISHED_KPIS } from '@madoguchi/kpi';

import { Public, RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { PageResponder } from './page-responder';

type FormBody = Record<string, string | undefined>;

/** The monthly disclosure report as a printable page (managers), and the public list of published ones. */
@ApiExcludeController()
@Controller()
export class DisclosurePagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly disclosures: DisclosureService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get('kpi/disclosure')
  @RequireRole('manager')
  async report(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, string | undefined>,
  ) {
    return this.render(request, reply, query.month ?? (await this.lastMonth()));
  }

  @Post('kpi/disclosure')
  @RequireRole('manager')
  async publish(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const month = body.month ?? '';
    try {
      await this.disclosures.publish(requestContextOf(request), month, body.public === 'on');
    } catch (error) {
      if (error instanceof DomainError && error.kind !== 'not-found')
        return this.render(request, reply, month, error.message, 400);
      throw error;
    }
    return reply.redirect(`/kpi/disclosure?month=${encodeURIComponent(month)}`, 303);
  }

  @Get('disclosures')
  @Public()
  async publicList(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const reports = await this.disclosures.list(false);
    const language = this.pages.language(request);
    return this.pages.render(request, reply, 'disclosures', {
      reports: reports.map((r) => ({ month: r.month, snapshot: r.snapshot })),
      kpiNames: PUBLISHED_KPIS,
      text: disclosureText(language),
      percent,
      metTarget,
    });
  }

  private async render(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    month: string,
    error?: string,
    status = 200,
  ) {
    const published = await this.disclosures.published(month);
    const snapshot = published?.snapshot ?? (await this.disclosures.preview(month));
    const language = this.pages.language(request);
    return this.pages.render(
      request,
      reply,
      'disclosure',
      {
        snapshot,
        published: published ? { publishedAt: published.publishedAt, isPublic: published.isPublic } : null,
        month,
        kpiNames: PUBLISHED_KPIS,
        text: disclosureText(language),
        language,
        percent,
        metTarget,
        error,
      },
      status,
    );
  }

  private async lastMonth(): Promise<string> {
    const today = civilDateOf(this.clock.now(), await this.calendars.timeZone('support-hours'));
    const index = today.year * 12 + today.month - 2;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  }
}
