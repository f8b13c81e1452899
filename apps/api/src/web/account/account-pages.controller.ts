import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { DomainError, type Principal, type RequestContext } from '@madoguchi/common';
import { AuthService, type Enrolment, type IssuedToken } from '@madoguchi/identity';

import { Ctx, Public } from '../../auth/auth.decorators';
import { AuthenticatedRequest, SESSION_COOKIE } from '../../auth/auth-request';
import { Language, LANGUAGES, translator } from '../../i18n/i18n';
import { formTokenMatches } from '../shared/form-token';
import { OptionalViewer, Page, page, type PageResponse, ReaderLanguage, redirectTo } from '../shared/page';
import { LANGUAGE_COOKIE } from '../shared/page-language';
import { safeNext } from '../shared/same-site-path';
import { SupportHoursWidget } from '../shared/support-hours-widget';
import type { HomePage, LoginPage, PrivacyPage, RecoveryCodesPage, SecondFactorPage } from './account.page-models';
import { PrivacyPolicy } from './privacy-policy';
import { scannable } from './qr-code';

type FormBody = Record<string, string | undefined>;

/** A wrong password or code is 401; throttled, 429 with the wait. */
function refusedSignIn<Model extends object>(model: Model, error: DomainError) {
  if (error.kind !== 'rate-limited') return page(model, { status: 401 });
  return page(model, { status: 429, headers: { 'retry-after': String(error.details.retryAfterSeconds) } });
}

const sessionCookie = (issued: IssuedToken) => ({
  name: SESSION_COOKIE,
  value: issued.token,
  expires: issued.expiresAt,
});

/** A language choice is remembered for a year. */
const LANGUAGE_COOKIE_SECONDS = 365 * 86_400;

/** Signing in and out of the web UI, the language switch, and the home page. */
@ApiExcludeController()
@Controller()
export class AccountPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly supportHours: SupportHoursWidget,
    private readonly privacyPolicy: PrivacyPolicy,
  ) {}

  @Get('login')
  @Public()
  @Page('account/login', { formToken: true })
  async loginPage(
    @OptionalViewer() viewer: Principal | null,
    @ReaderLanguage() language: Language,
    @Query('next') next?: string,
  ): Promise<PageResponse<LoginPage>> {
    if (viewer) return redirectTo(safeNext(next));
    return this.loginModel(language, { next: safeNext(next) });
  }

  @Post('login')
  @Public()
  @Page('account/login', { formToken: true })
  async login(
    @Req() request: AuthenticatedRequest,
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<LoginPage | SecondFactorPage>> {
    const next = safeNext(body.next);
    // Login CSRF: the form must carry the random value this browser was given with it.
    if (!formTokenMatches(request, body._csrf)) return this.expiredForm(language, next, body.email);
    try {
      const step = await this.auth.login(context, body.email ?? '', body.password ?? '', 'session');
      if (step.step === 'signed-in') return redirectTo(next, [sessionCookie(step.issued)]);
      return page(await this.secondFactorModel(next, step.challenge, step.enrolment), {
        view: 'account/second-factor',
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return refusedSignIn(await this.loginModel(language, { next, email: body.email, error }), error);
    }
  }

  /** The second step: the code from the authenticator app (or a recovery code). */
  @Post('login/second-factor')
  @Public()
  @Page('account/second-factor', { formToken: true })
  async secondFactor(
    @Req() request: AuthenticatedRequest,
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<SecondFactorPage | RecoveryCodesPage | LoginPage>> {
    const next = safeNext(body.next);
    const challenge = body.challenge ?? '';
    const enrolment = body.secret && body.otpauthUri ? { secret: body.secret, otpauthUri: body.otpauthUri } : null;
    if (!formTokenMatches(request, body._csrf)) return this.expiredForm(language, next);
    try {
      const { issued, recoveryCodes } = await this.auth.completeSecondFactor(context, challenge, body.code ?? '');
      if (!recoveryCodes) return redirectTo(next, [sessionCookie(issued)]);
      return page({ next, codes: recoveryCodes }, { view: 'account/recovery-codes', cookies: [sessionCookie(issued)] });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'auth.challenge-expired')
        return page(await this.loginModel(language, { next, error }), { status: 401, view: 'account/login' });
      return refusedSignIn({ ...(await this.secondFactorModel(next, challenge, enrolment)), error }, error);
    }
  }

  @Post('logout')
  @Page()
  async logout(@Req() request: AuthenticatedRequest, @Ctx() context: RequestContext) {
    await this.auth.logout(context, request.auth!.tokenId);
    return redirectTo('/login', [{ name: SESSION_COOKIE, value: null }]);
  }

  @Get('lang/:language')
  @Public()
  @Page()
  switchLanguage(@Param('language') language: string, @Query('next') next: string | undefined) {
    const cookies = LANGUAGES.includes(language as Language)
      ? [{ name: LANGUAGE_COOKIE, value: language, maxAge: LANGUAGE_COOKIE_SECONDS, readableByScripts: true }]
      : [];
    return redirectTo(safeNext(next), cookies);
  }

  /** The privacy policy the inquiry form's consent refers to: the operator's text, or the built-in notice. */
  @Get('privacy')
  @Public()
  @Page('account/privacy')
  async privacy(): Promise<PrivacyPage> {
    return { paragraphs: await this.privacyPolicy.paragraphs() };
  }

  /** Signed in, the home page; anonymous, the landing page: write in, sign in, service status, reports. */
  @Get()
  @Public()
  @Page('account/home')
  async home(
    @OptionalViewer() viewer: Principal | null,
    @ReaderLanguage() language: Language,
  ): Promise<PageResponse<HomePage>> {
    const model = { hours: await this.supportHours.view(language) };
    return viewer ? model : page(model, { view: 'account/landing' });
  }

  /** Login CSRF: a form without the random value this browser was given with it starts over. */
  private async expiredForm(language: Language, next: string, email?: string) {
    const error = translator(language)('login.expired');
    return page(await this.loginModel(language, { next, email, error }), { status: 403, view: 'account/login' });
  }

  private async secondFactorModel(
    next: string,
    challenge: string,
    enrolment: Enrolment | null,
  ): Promise<SecondFactorPage> {
    return { next, challenge, enrolment: enrolment && (await scannable(enrolment)) };
  }

  private async loginModel(language: Language, form: Omit<LoginPage, 'hours'>): Promise<LoginPage> {
    return { ...form, hours: await this.supportHours.view(language) };
  }
}
