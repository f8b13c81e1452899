import { randomUUID } from 'node:crypto';

import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { DomainError, type Principal } from '@madoguchi/common';
import { INQUIRY_CATEGORIES, InquiryService } from '@madoguchi/tickets';

import { Public } from '../../auth/auth.decorators';
import type { AuthenticatedRequest } from '../../auth/auth-request';
import { InquiryRateLimiter } from '../../http/rate-limiter';
import { attachmentsOf } from '../../http/uploads';
import { type Language, translator } from '../../i18n/i18n';
import { submitInquiry } from '../../tickets/inquiries.controller';
import { InquiryDto } from '../../tickets/ticket.dto';
import { formTokenMatches } from '../shared/form-token';
import { OptionalViewer, Page, page, type PageResponse, ReaderLanguage } from '../shared/page';
import { SupportHoursWidget } from '../shared/support-hours-widget';
import { type FormState, freshForm, submitForm } from '../shared/web-form';
import type { InquiryPage, InquiryReceivedPage } from './inquiry.page-models';

type FormBody = Record<string, string | undefined>;

/** The public inquiry form, open 24/7 with no sign-in; a signed-in customer's inquiry joins their organization. */
@ApiExcludeController()
@Public()
@Controller('inquiry')
export class InquiryPagesController {
  constructor(
    private readonly inquiries: InquiryService,
    private readonly supportHours: SupportHoursWidget,
    private readonly limiter: InquiryRateLimiter,
  ) {}

  @Get()
  @Page('inquiry/inquiry', { formToken: true })
  form(@OptionalViewer() viewer: Principal | null, @ReaderLanguage() language: Language): Promise<InquiryPage> {
    return this.formModel(language, freshForm({ name: viewer?.name, email: viewer?.email }));
  }

  @Post()
  @Page('inquiry/inquiry', { formToken: true })
  async submit(
    @Req() request: AuthenticatedRequest,
    @ReaderLanguage() language: Language,
    @Body() body: FormBody,
  ): Promise<PageResponse<InquiryPage | InquiryReceivedPage>> {
    if (!formTokenMatches(request, body._csrf)) {
      const error = translator(language)('login.expired');
      return page(await this.formModel(language, { form: body, errors: {}, error }), { status: 403 });
    }
    try {
      return await submitForm({
        dto: InquiryDto,
        language,
        body: { ...body, consent: body.consent === 'on', language },
        run: (value) =>
          submitInquiry(this.inquiries, this.limiter, request, value, body.idempotencyKey, attachmentsOf(request)),
        succeeded: async (receipt) =>
          page<InquiryReceivedPage>(
            { receipt, hours: await this.supportHours.view(language) },
            { view: 'inquiry/inquiry-received' },
          ),
        failed: async (failure) => page(await this.formModel(language, failure), { status: 400 }),
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'rate-limited') throw error;
      const model = await this.formModel(language, { form: body, errors: {}, error });
      return page(model, { status: 429, headers: { 'retry-after': String(error.details.retryAfterSeconds) } });
    }
  }

  private async formModel(language: Language, state: FormState): Promise<InquiryPage> {
    return {
      ...state,
      idempotencyKey: randomUUID(),
      categories: INQUIRY_CATEGORIES,
      hours: await this.supportHours.view(language),
    };
  }
}
