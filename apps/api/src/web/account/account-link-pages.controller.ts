import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { type AccountLinkPurpose, AccountLinkService, passwordResetRateLimited } from '@madoguchi/identity';

import { Ctx, Public } from '../../auth/auth.decorators';
import { AccountLinkCompletionDto, PasswordResetRequestDto } from '../../auth/auth.dto';
import type { AuthenticatedRequest } from '../../auth/auth-request';
import { PasswordResetRateLimiter } from '../../http/rate-limiter';
import { type Language, translator } from '../../i18n/i18n';
import { formTokenMatches } from '../shared/form-token';
import { Page, page, type PageResponse, ReaderLanguage } from '../shared/page';
import { freshForm, submitForm } from '../shared/web-form';
import type { PasswordResetRequestPage, PasswordSetPage, SetPasswordPage } from './account.page-models';

type FormBody = Record<string, string | undefined>;

/**
 * The pages behind the account links by e-mail: asking for a password reset, and choosing a
 * password with a reset's or an invitation's link. All before sign-in, so each form carries the
 * pre-sign-in form token.
 */
@ApiExcludeController()
@Public()
@Controller('account')
export class AccountLinkPagesController {
  constructor(
    private readonly links: AccountLinkService,
    private readonly limiter: PasswordResetRateLimiter,
  ) {}

  /** Without a token, the form that asks for a reset mail; with one, the form that sets the password. */
  @Get('reset')
  @Page('account/password-reset', { formToken: true })
  async reset(@Query('token') token?: string): Promise<PageResponse<PasswordResetRequestPage | SetPasswordPage>> {
    if (!token) return { ...freshForm(), sent: false };
    return page(await this.setPasswordModel('password-reset', token), { view: 'account/set-password' });
  }

  @Post('reset')
  @Page('account/password-reset', { formToken: true })
  async requestReset(
    @Req() request: AuthenticatedRequest,
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<PasswordResetRequestPage>> {
    if (!formTokenMatches(request, body._csrf)) {
      return page({ ...freshForm(body), sent: false, error: translator(language)('login.expired') }, { status: 403 });
    }
    const retryAfterSeconds = this.limiter.hit(request.ip);
    if (retryAfterSeconds > 0) throw passwordResetRateLimited(retryAfterSeconds);
    return submitForm({
      dto: PasswordResetRequestDto,
      language,
      body: { email: body.email },
      run: (value) => this.links.requestPasswordReset(context, value.email),
      succeeded: () => ({ ...freshForm(), sent: true }),
      failed: (failure) => page({ ...failure, sent: false }, { status: 400 }),
    });
  }

  @Post('reset/complete')
  @Page('account/set-password', { formToken: true })
  completeReset(
    @Req() request: AuthenticatedRequest,
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ) {
    return this.setPassword(request, language, context, 'password-reset', body);
  }

  @Get('invite')
  @Page('account/set-password', { formToken: true })
  invitation(@Query('token') token?: string): Promise<SetPasswordPage> {
    return this.setPasswordModel('invitation', token ?? '');
  }

  @Post('invite')
  @Page('account/set-password', { formToken: true })
  acceptInvitation(
    @Req() request: AuthenticatedRequest,
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ) {
    return this.setPassword(request, language, context, 'invitation', body);
  }

  /** The chosen password, typed twice; a mistyped second one is refused before anything is used up. */
  private async setPassword(
    request: AuthenticatedRequest,
    language: Language,
    context: RequestContext,
    purpose: AccountLinkPurpose,
    body: FormBody,
  ): Promise<PageResponse<SetPasswordPage | PasswordSetPage>> {
    const token = body.token ?? '';
    const t = translator(language);
    const again = (state: Partial<SetPasswordPage>, status: number) =>
      page({ ...freshForm(), purpose, token, usable: true, ...state }, { status, view: 'account/set-password' });
    if (!formTokenMatches(request, body._csrf)) return again({ error: t('login.expired') }, 403);
    if (body.password && body.password !== body.passwordConfirmation) {
      return again({ errors: { passwordConfirmation: [t('account.passwordMismatch')] } }, 400);
    }
    return submitForm({
      dto: AccountLinkCompletionDto,
      language,
      body: { token, password: body.password },
      run: (value) => this.links.complete(context, purpose, value.token, value.password),
      succeeded: () => page({ purpose }, { view: 'account/password-set' }),
      // A used or expired link is not the form's fault: the page says so and offers a new one.
      failed: (failure) => again({ errors: failure.errors, usable: !failure.errors.token }, 400),
    });
  }

  private async setPasswordModel(purpose: AccountLinkPurpose, token: string): Promise<SetPasswordPage> {
    return { ...freshForm(), purpose, token, usable: token !== '' && (await this.links.usable(token, purpose)) };
  }
}
