import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { DomainError } from '@madoguchi/common';
import { AuthService } from '@madoguchi/identity';

import { Public } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf, SESSION_COOKIE } from '../auth/auth-request';
import { formTokenMatches, issueFormToken } from './form-token';
import { Language, LANGUAGES, translator } from './i18n';
import { LANGUAGE_COOKIE, PageResponder } from './page-responder';
import { SupportHoursWidget } from './support-hours-widget';

type FormBody = Record<string, string | undefined>;

/** Only same-site paths may be redirected to after sign-in. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Signing in and out of the web UI, the language switch, and the home page. */
@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly auth: AuthService,
    private readonly supportHours: SupportHoursWidget,
  ) {}

  @Get('login')
  @Public()
  loginPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Query('next') next?: string) {
    if (request.auth) return reply.redirect(safeNext(next), 303);
    return this.renderLogin(request, reply, { next: safeNext(next) });
  }

  @Post('login')
  @Public()
  async login(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const next = safeNext(body.next);
    // Login CSRF: the form must carry the random value this browser was given with it.
    if (!formTokenMatches(request, body._csrf)) {
      const expired = translator(this.pages.language(request))('login.expired');
      return this.renderLogin(request, reply, { next, email: body.email, error: expired }, 403);
    }
    try {
      const issued = await this.auth.login(requestContextOf(request), body.email ?? '', body.password ?? '', 'session');
      reply.setCookie(SESSION_COOKIE, issued.token, { ...this.pages.cookieOptions(), expires: issued.expiresAt });
      return reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.kind === 'rate-limited') reply.header('retry-after', String(error.details.retryAfterSeconds));
      const status = error.kind === 'rate-limited' ? 429 : 401;
      return this.renderLogin(request, reply, { next, email: body.email, error: error.message }, status);
    }
  }

  @Post('logout')
  async logout(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    await this.auth.logout(requestContextOf(request), request.auth!.tokenId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  }

  @Get('lang/:language')
  @Public()
  switchLanguage(
    @Param('language') language: string,
    @Query('next') next: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    if (LANGUAGES.includes(language as Language)) {
      reply.setCookie(LANGUAGE_COOKIE, language, {
        ...this.pages.cookieOptions(),
        httpOnly: false,
        maxAge: 365 * 86_400,
      });
    }
    return reply.redirect(safeNext(next), 303);
  }

  @Get()
  async home(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const hours = await this.supportHours.view(this.pages.language(request));
    return this.pages.render(request, reply, 'home', { hours });
  }

  private async renderLogin(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    data: { next: string; email?: string; error?: string },
    status = 200,
  ) {
    const loginCsrf = issueFormToken(reply, this.pages.cookieOptions());
    const hours = await this.supportHours.view(this.pages.language(request));
    return this.pages.render(request, reply, 'login', { ...data, loginCsrf, hours }, status);
  }
}
