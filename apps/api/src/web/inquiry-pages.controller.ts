import { randomUUID } from 'node:crypto';

import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { CalendarService, formatInstant } from '@madoguchi/business-calendar';
import { DomainError } from '@madoguchi/common';
import { INQUIRY_CATEGORIES, InquiryService } from '@madoguchi/tickets';

import { Public } from '../auth/auth.decorators';
import type { AuthenticatedRequest } from '../auth/auth-request';
import { submitInquiry } from '../tickets/inquiries.controller';
import { InquiryRateLimiter } from '../tickets/rate-limiter';
import { InquiryDto } from '../tickets/ticket.dto';
import { formTokenMatches, issueFormToken } from './form-token';
import { translator } from './i18n';
import { PageResponder } from './page-responder';
import { SupportHoursWidget } from './support-hours-widget';
import { FormFailure, submitForm } from './web-form';

type FormBody = Record<string, string | undefined>;

/** The public inquiry form, open 24/7 with no sign-in; a signed-in customer's inquiry joins their organization. */
@ApiExcludeController()
@Public()
@Controller('inquiry')
export class InquiryPagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly inquiries: InquiryService,
    private readonly calendars: CalendarService,
    private readonly supportHours: SupportHoursWidget,
    private readonly limiter: InquiryRateLimiter,
  ) {}

  @Get()
  form(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const principal = request.auth?.principal;
    return this.renderForm(request, reply, { form: { name: principal?.name, email: principal?.email }, errors: {} });
  }

  @Post()
  async submit(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const language = this.pages.language(request);
    if (!formTokenMatches(request, body._csrf)) {
      return this.renderForm(
        request,
        reply,
        { form: body, errors: {}, error: translator(language)('login.expired') },
        403,
      );
    }
    try {
      return await submitForm({
        dto: InquiryDto,
        body: { ...body, consent: body.consent === 'on', language },
        run: (value) => submitInquiry(this.inquiries, this.limiter, request, value, body.idempotencyKey),
        succeeded: async (receipt) => {
          const zone = await this.calendars.timeZone('support-hours');
          const due = formatInstant(Date.parse(receipt.firstResponseDueAt), {
            timeZone: zone,
            language,
            now: Date.parse(receipt.createdAt),
          });
          const hours = await this.supportHours.view(language);
          return this.pages.render(request, reply, 'inquiry-received', { receipt, due, hours });
        },
        failed: (failure) => this.renderForm(request, reply, failure, 400),
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'rate-limited') throw error;
      reply.header('retry-after', String(error.details.retryAfterSeconds));
      return this.renderForm(request, reply, { form: body, errors: {}, error: error.message }, 429);
    }
  }

  private async renderForm(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    failure: Partial<FormFailure>,
    status = 200,
  ) {
    const formToken = issueFormToken(reply, this.pages.cookieOptions());
    const hours = await this.supportHours.view(this.pages.language(request));
    // A fresh key per rendered form: a double-clicked or resent form creates one ticket.
    return this.pages.render(
      request,
      reply,
      'inquiry',
      {
        ...failure,
        form: failure.form ?? {},
        errors: failure.errors ?? {},
        formToken,
        idempotencyKey: randomUUID(),
        categories: INQUIRY_CATEGORIES,
        hours,
      },
      status,
    );
  }
}
