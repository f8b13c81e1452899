import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { DomainError, type RequestContext } from '@madoguchi/common';
import { ServiceCatalogService, StatusSubscriptionService, type SubscriptionView } from '@madoguchi/notices';

import { Ctx, Public } from '../../auth/auth.decorators';
import type { AuthenticatedRequest } from '../../auth/auth-request';
import { SubscriptionRateLimiter } from '../../http/rate-limiter';
import { type Language, translator } from '../../i18n/i18n';
import { StatusSubscriptionDto } from '../../notices/notices.dto';
import { requestSubscription } from '../../notices/status-subscriptions.controller';
import { formTokenMatches } from '../shared/form-token';
import { Page, page, type PageResponse, ReaderLanguage } from '../shared/page';
import { type FormState, formValues, freshForm, submitForm } from '../shared/web-form';
import { namesOf, type SubscribePage, type SubscriptionConfirmPage, type UnsubscribePage } from './notices.page-models';

type FormBody = Record<string, string | string[] | undefined>;

/**
 * The status notices by e-mail, for anyone: the form that asks for them, the confirmation link's
 * page (a button, so a mail scanner that opens links confirms nothing), and the unsubscribe link's
 * page — whose POST is also the RFC 8058 one-click address mail clients call.
 */
@ApiExcludeController()
@Public()
@Controller('status')
export class StatusSubscriptionPagesController {
  constructor(
    private readonly subscriptions: StatusSubscriptionService,
    private readonly services: ServiceCatalogService,
    private readonly limiter: SubscriptionRateLimiter,
  ) {}

  @Get('subscribe')
  @Page('notices/subscribe', { formToken: true })
  form(@ReaderLanguage() language: Language): Promise<SubscribePage> {
    return this.subscribeModel(language, freshForm({ language, serviceIds: [] }));
  }

  @Post('subscribe')
  @Page('notices/subscribe', { formToken: true })
  async subscribe(
    @Req() request: AuthenticatedRequest,
    @ReaderLanguage() language: Language,
    @Body() body: FormBody,
  ): Promise<PageResponse<SubscribePage>> {
    const form = { email: body.email, language: body.language, serviceIds: formValues(body.serviceIds) };
    if (!formTokenMatches(request, typeof body._csrf === 'string' ? body._csrf : undefined)) {
      const error = translator(language)('login.expired');
      return page(await this.subscribeModel(language, { form, errors: {}, error }), { status: 403 });
    }
    return submitForm({
      dto: StatusSubscriptionDto,
      language,
      body: form,
      run: (value) => requestSubscription(this.subscriptions, this.limiter, request, value),
      succeeded: async (accepted) => ({
        ...(await this.subscribeModel(language, freshForm(form))),
        sent: { email: String(form.email).trim(), hours: accepted.linkValidHours },
      }),
      failed: async (failure) => page(await this.subscribeModel(language, failure), { status: 400 }),
    });
  }

  @Get('subscriptions/confirm/:token')
  @Page('notices/subscription-confirm')
  async confirmation(
    @Param('token') token: string,
    @ReaderLanguage() language: Language,
  ): Promise<PageResponse<SubscriptionConfirmPage>> {
    const pending = await linkInvalidAsNull(this.subscriptions.pendingRequest(token));
    if (!pending) return page({ token, subscription: null, done: false, serviceNames: [] }, { status: 404 });
    return { token, subscription: pending, done: false, serviceNames: await this.serviceNames(pending, language) };
  }

  @Post('subscriptions/confirm/:token')
  @Page('notices/subscription-confirm')
  async confirm(
    @Param('token') token: string,
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
  ): Promise<PageResponse<SubscriptionConfirmPage>> {
    const confirmed = await linkInvalidAsNull(this.subscriptions.confirm(context, token));
    if (!confirmed) return page({ token, subscription: null, done: false, serviceNames: [] }, { status: 404 });
    return { token, subscription: confirmed, done: true, serviceNames: await this.serviceNames(confirmed, language) };
  }

  @Get('unsubscribe/:token')
  @Page('notices/unsubscribe')
  async unsubscription(@Param('token') token: string): Promise<UnsubscribePage> {
    return { token, subscription: await this.subscriptions.byUnsubscribeToken(token), done: false, ended: false };
  }

  /** The page's button, and RFC 8058's one-click POST (`List-Unsubscribe=One-Click`): the same. */
  @Post('unsubscribe/:token')
  @Page('notices/unsubscribe')
  async unsubscribe(@Param('token') token: string, @Ctx() context: RequestContext): Promise<UnsubscribePage> {
    const ended = await this.subscriptions.unsubscribe(context, token);
    return { token, subscription: null, done: true, ended };
  }

  private async subscribeModel(language: Language, state: FormState): Promise<SubscribePage> {
    const services = await this.services.list();
    return { ...state, services: Object.entries(namesOf(services, language)).map(([id, name]) => ({ id, name })) };
  }

  private async serviceNames(subscription: SubscriptionView, language: Language): Promise<string[]> {
    const names = namesOf(await this.services.list(), language);
    return subscription.serviceIds.map((id) => names[id] ?? id);
  }
}

/** A confirmation link that is unknown, used or expired is the page's own answer, not an error page. */
async function linkInvalidAsNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'subscription.link-invalid') return null;
    throw error;
  }
}
