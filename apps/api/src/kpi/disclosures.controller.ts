import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import type { RequestContext } from '@madoguchi/common';
import { DisclosureService } from '@madoguchi/kpi';

import { Ctx, Public, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  DisclosureListResponseDto,
  DisclosureReportResponseDto,
  DisclosureVisibilityDto,
  PdfQueryDto,
  PublicDisclosureListResponseDto,
  PublishDisclosureDto,
  PublishedDisclosureResponseDto,
} from './disclosure.dto';

/** Sends a PDF inline, named after the month and language. */
export function sendPdf(reply: FastifyReply, pdf: Buffer, month: string, language: string) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="madoguchi-kpi-${month}-${language}.pdf"`)
    .send(pdf);
}

@ApiTags('kpi')
@ApiBearerAuth()
@Controller('api/v1/kpi/disclosures')
export class DisclosuresController {
  constructor(private readonly disclosures: DisclosureService) {}

  @Endpoint({ response: DisclosureListResponseDto, summary: 'Published monthly disclosure reports, newest first' })
  @Get()
  @RequireRole('manager')
  async list(): Promise<DisclosureListResponseDto> {
    const reports = await this.disclosures.list(true);
    return {
      items: reports.map((r) => ({
        month: r.month,
        public: r.isPublic,
        publishedAt: r.publishedAt.toISOString(),
        definitionVersion: r.snapshot.definitionVersion,
      })),
    };
  }

  @Endpoint({
    response: PublishedDisclosureResponseDto,
    summary: 'Publish (freeze) a finished month’s report: figures and PDFs never change afterwards',
    errors: { 409: 'Already published', 422: 'The month is not over', 503: 'No Japanese font for the PDF' },
  })
  @Post()
  @RequireRole('manager')
  async publish(
    @Ctx() context: RequestContext,
    @Body() body: PublishDisclosureDto,
  ): Promise<PublishedDisclosureResponseDto> {
    const report = await this.disclosures.publish(context, body.month, body.public ?? false);
    return {
      public: report.isPublic,
      publishedAt: report.publishedAt.toISOString(),
      ...report.snapshot,
    };
  }

  @Endpoint({
    response: DisclosureReportResponseDto,
    summary: 'A month’s report: the frozen one if published, else a live preview',
    errors: { 400: 'Bad month' },
  })
  @Get(':month')
  @RequireRole('manager')
  async get(@Param('month') month: string): Promise<DisclosureReportResponseDto> {
    const published = await this.disclosures.published(month);
    if (published)
      return {
        published: true,
        public: published.isPublic,
        publishedAt: published.publishedAt.toISOString(),
        ...published.snapshot,
      };
    return { published: false, ...(await this.disclosures.preview(month)) };
  }

  @Endpoint({ summary: 'Show or hide a published report on the public page', errors: { 404: 'Not published' } })
  @Patch(':month')
  @HttpCode(204)
  @RequireRole('manager')
  async visibility(
    @Ctx() context: RequestContext,
    @Param('month') month: string,
    @Body() body: DisclosureVisibilityDto,
  ) {
    await this.disclosures.setPublic(context, month, body.public);
  }

  @Endpoint({
    download: 'application/pdf',
    summary: 'The report as a PDF (stored if published, else rendered now)',
    errors: { 503: 'No Japanese font' },
  })
  @Get(':month/pdf')
  @RequireRole('manager')
  async pdf(@Param('month') month: string, @Query() query: PdfQueryDto, @Res() reply: FastifyReply) {
    const language = query.lang ?? 'ja';
    return sendPdf(reply, await this.disclosures.pdf(month, language, { publicOnly: false }), month, language);
  }
}

/** Published reports a manager chose to make public: no sign-in needed. */
@ApiTags('kpi')
@Public()
@Controller('api/v1/public/disclosures')
export class PublicDisclosuresController {
  constructor(private readonly disclosures: DisclosureService) {}

  @Endpoint({ response: PublicDisclosureListResponseDto, summary: 'Public disclosure reports with their four KPIs' })
  @Get()
  async list(): Promise<PublicDisclosureListResponseDto> {
    return {
      items: (await this.disclosures.list(false)).map((r) => ({
        publishedAt: r.publishedAt.toISOString(),
        ...r.snapshot,
      })),
    };
  }

  @Endpoint({
    download: 'application/pdf',
    summary: 'A public report’s PDF, exactly as published',
    errors: { 404: 'Not published or not public' },
  })
  @Get(':month/pdf')
  async pdf(@Param('month') month: string, @Query() query: PdfQueryDto, @Res() reply: FastifyReply) {
    const language = query.lang ?? 'ja';
    return sendPdf(reply, await this.disclosures.pdf(month, language, { publicOnly: true }), month, language);
  }
}
