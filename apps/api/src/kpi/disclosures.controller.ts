import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';

import type { RequestContext } from '@madoguchi/common';
import { DisclosureService } from '@madoguchi/kpi';

import { Ctx, Public, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class PublishDisclosureDto {
  @ApiProperty({ example: '2026-10' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({ description: 'Show it on the public /disclosures page', default: false })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}

export class DisclosureVisibilityDto {
  @ApiProperty()
  @IsBoolean()
  public!: boolean;
}

export class PdfQueryDto {
  @ApiPropertyOptional({ enum: ['ja', 'en'], default: 'ja' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  lang?: 'ja' | 'en';
}

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

  @Get()
  @RequireRole('manager')
  @Endpoint({ summary: 'Published monthly disclosure reports, newest first' })
  async list() {
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

  @Post()
  @RequireRole('manager')
  @Endpoint({
    summary: 'Publish (freeze) a finished month’s report: figures and PDFs never change afterwards',
    errors: { 409: 'Already published', 422: 'The month is not over', 503: 'No Japanese font for the PDF' },
  })
  async publish(@Ctx() context: RequestContext, @Body() body: PublishDisclosureDto) {
    const report = await this.disclosures.publish(context, body.month, body.public ?? false);
    return {
      public: report.isPublic,
      publishedAt: report.publishedAt.toISOString(),
      ...report.snapshot,
    };
  }

  @Get(':month')
  @RequireRole('manager')
  @Endpoint({
    summary: 'A month’s report: the frozen one if published, else a live preview',
    errors: { 400: 'Bad month' },
  })
  async get(@Param('month') month: string) {
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

  @Patch(':month')
  @HttpCode(204)
  @RequireRole('manager')
  @Endpoint({ summary: 'Show or hide a published report on the public page', errors: { 404: 'Not published' } })
  async visibility(
    @Ctx() context: RequestContext,
    @Param('month') month: string,
    @Body() body: DisclosureVisibilityDto,
  ) {
    await this.disclosures.setPublic(context, month, body.public);
  }

  @Get(':month/pdf')
  @RequireRole('manager')
  @ApiProduces('application/pdf')
  @Endpoint({
    summary: 'The report as a PDF (stored if published, else rendered now)',
    errors: { 503: 'No Japanese font' },
  })
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

  @Get()
  @Endpoint({ summary: 'Public disclosure reports with their four KPIs' })
  async list() {
    return {
      items: (await this.disclosures.list(false)).map((r) => ({
        publishedAt: r.publishedAt.toISOString(),
        ...r.snapshot,
      })),
    };
  }

  @Get(':month/pdf')
  @ApiProduces('application/pdf')
  @Endpoint({ summary: 'A public report’s PDF, exactly as published', errors: { 404: 'Not published or not public' } })
  async pdf(@Param('month') month: string, @Query() query: PdfQueryDto, @Res() reply: FastifyReply) {
    const language = query.lang ?? 'ja';
    return sendPdf(reply, await this.disclosures.pdf(month, language, { publicOnly: true }), month, language);
  }
}
