import { randomBytes, timingSafeEqual } from 'node:crypto';

import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { AuditService } from '@madoguchi/audit';
import { DomainError } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import {
  AuthUseCases,
  csrfTokenFor,
  DirectoryRepository,
  OrganizationUseCases,
  UserUseCases,
} from '@madoguchi/identity';

import { auditFilterOf } from '../audit/audit-events.controller';
import { Public, RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf, SESSION_COOKIE } from '../auth/auth-request';
import { CreateOrganizationDto, CreateUserDto, UpdateOrganizationDto, UpdateUserDto } from '../identity/identity.dto';
import { Language, LANGUAGES, Translate, translator } from './i18n';
import { PageContext, ViewRenderer } from './view-renderer';
import { FieldErrors, formErrorsOf, parseForm } from './web-form';

const LANGUAGE_COOKIE = 'madoguchi_lang';
const LOGIN_CSRF_COOKIE = 'madoguchi_login_csrf';

type FormBody = Record<string, string | undefined>;

/** Only same-site paths may be redirected to after sign-in. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The web UI: server-rendered pages that work without JavaScript. */
@ApiExcludeController()
@Controller()
export class PagesController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly auth: AuthUseCases,
    private readonly directory: DirectoryRepository,
    private readonly organizations: OrganizationUseCases,
    private readonly users: UserUseCases,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
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
    const t = translator(this.language(request));
    if (!sameToken(body._csrf, request.cookies[LOGIN_CSRF_COOKIE])) {
      return this.renderLogin(request, reply, { next, email: body.email, error: t('login.expired') }, 403);
    }
    try {
      const issued = await this.auth.login(requestContextOf(request), body.email ?? '', body.password ?? '', 'session');
      reply.setCookie(SESSION_COOKIE, issued.token, { ...this.cookieOptions(), expires: issued.expiresAt });
      reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
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
      reply.setCookie(LANGUAGE_COOKIE, language, { ...this.cookieOptions(), httpOnly: false, maxAge: 365 * 86_400 });
    }
    return reply.redirect(safeNext(next), 303);
  }

  @Get()
  home(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.send(reply, this.views.render('home', this.page(request)));
  }

  @Get('admin/organizations')
  @RequireRole('admin')
  async organizationsPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.renderOrganizations(request, reply, {});
  }

  @Post('admin/organizations')
  @RequireRole('admin')
  createOrganization(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    return this.submitCreateForm(request, body, CreateOrganizationDto, {
      create: (value) => this.organizations.create(requestContextOf(request), value),
      notice: (created, t) => t('org.created', { name: created.name }),
      render: (extra, status) => this.renderOrganizations(request, reply, extra, status),
    });
  }

  @Post('admin/organizations/:id/active')
  @RequireRole('admin')
  async setOrganizationActive(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    await this.organizations.update(requestContextOf(request), id, { active: body.active === 'true' });
    return reply.redirect('/admin/organizations', 303);
  }

  @Get('admin/organizations/:id')
  @RequireRole('admin')
  async editOrganizationPage(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const organization = await this.directory.organization(request.auth!.principal, id);
    if (!organization) throw new NotFoundException();
    return this.send(
      reply,
      this.views.render('organization-edit', this.page(request), { organization, form: organization, errors: {} }),
    );
  }

  @Post('admin/organizations/:id')
  @RequireRole('admin')
  async editOrganization(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    const organization = await this.directory.organization(request.auth!.principal, id);
    if (!organization) throw new NotFoundException();
    const rerender = (extra: ViewExtras) =>
      this.send(
        reply,
        this.views.render('organization-edit', this.page(request), { organization, form: body, errors: {}, ...extra }),
        400,
      );
    const form = await parseForm(UpdateOrganizationDto, { name: body.name, code: body.code || null });
    if (form.errors) return rerender({ errors: form.errors });
    try {
      await this.organizations.update(requestContextOf(request), id, {
        name: form.value.name,
        code: form.value.code ?? null,
      });
      return reply.redirect('/admin/organizations', 303);
    } catch (error) {
      const { errors, message } = formErrorsOf(error);
      return rerender({ errors, error: message });
    }
  }

  @Post('admin/users/:id/active')
  @RequireRole('admin')
  async setUserActive(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    await this.users.update(requestContextOf(request), id, { active: body.active === 'true' });
    return reply.redirect('/admin/users', 303);
  }

  @Get('admin/users/:id')
  @RequireRole('admin')
  async editUserPage(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.renderUserEdit(request, reply, id, {});
  }

  @Post('admin/users/:id')
  @RequireRole('admin')
  async editUser(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    const form = await parseForm(UpdateUserDto, { ...body, organizationId: body.organizationId || null });
    if (form.errors) return this.renderUserEdit(request, reply, id, { form: body, errors: form.errors }, 400);
    try {
      await this.users.update(requestContextOf(request), id, form.value);
      return reply.redirect('/admin/users', 303);
    } catch (error) {
      const { errors, message } = formErrorsOf(error);
      return this.renderUserEdit(request, reply, id, { form: body, errors, error: message }, 400);
    }
  }

  @Get('admin/users')
  @RequireRole('admin')
  async usersPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.renderUsers(request, reply, {});
  }

  @Post('admin/users')
  @RequireRole('admin')
  createUser(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    return this.submitCreateForm(request, body, CreateUserDto, {
      create: (value) => this.users.create(requestContextOf(request), value),
      notice: (created, t) => t('user.created', { email: created.email }),
      render: (extra, status) => this.renderUsers(request, reply, extra, status),
    });
  }

  @Get('admin/audit')
  @RequireRole('admin')
  async auditPage(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Query('action') action?: string,
    @Query('cursor') cursor?: string,
  ) {
    const limit = 50;
    const filter = { action: action || undefined };
    const entries = await this.audit.list(
      auditFilterOf(filter),
      limit + 1,
      /^\d+$/.test(cursor ?? '') ? cursor : undefined,
    );
    const page = entries.slice(0, limit);
    const nextCursor = entries.length > limit ? page[page.length - 1]!.id : null;
    return this.send(reply, this.views.render('audit', this.page(request), { entries: page, nextCursor, filter }));
  }

  /** Validates a create form, runs the use case, and re-renders the page with a notice or the form's errors. */
  private async submitCreateForm<Dto extends object, Created>(
    request: AuthenticatedRequest,
    body: FormBody,
    dto: new () => Dto,
    steps: {
      create: (value: Dto) => Promise<Created>;
      notice: (created: Created, t: Translate) => string;
      render: (extra: ViewExtras, status?: number) => Promise<unknown>;
    },
  ) {
    const form = await parseForm(dto, body);
    if (form.errors) return steps.render({ form: body, errors: form.errors }, 400);
    try {
      const created = await steps.create(form.value);
      return steps.render({ notice: steps.notice(created, translator(this.language(request))) });
    } catch (error) {
      const { errors, message } = formErrorsOf(error);
      return steps.render({ form: body, errors, error: message }, 400);
    }
  }

  private async renderUserEdit(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    id: string,
    extra: ViewExtras,
    status = 200,
  ) {
    const principal = request.auth!.principal;
    const [user, organizations] = await Promise.all([
      this.directory.user(principal, id),
      this.directory.organizations(principal),
    ]);
    if (!user) throw new NotFoundException();
    const form = extra.form ?? {
      name: user.name,
      role: user.role,
      organizationId: user.organizationId ?? '',
      language: user.language,
    };
    return this.send(
      reply,
      this.views.render('user-edit', this.page(request), { user, organizations, errors: {}, ...extra, form }),
      status,
    );
  }

  private async renderOrganizations(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    extra: ViewExtras,
    status = 200,
  ) {
    const organizations = await this.directory.organizations(request.auth!.principal, { includeInactive: true });
    return this.send(
      reply,
      this.views.render('organizations', this.page(request), { organizations, form: {}, errors: {}, ...extra }),
      status,
    );
  }

  private async renderUsers(request: AuthenticatedRequest, reply: FastifyReply, extra: ViewExtras, status = 200) {
    const principal = request.auth!.principal;
    const [users, organizations] = await Promise.all([
      this.directory.users(principal),
      this.directory.organizations(principal),
    ]);
    return this.send(
      reply,
      this.views.render('users', this.page(request), { users, organizations, form: {}, errors: {}, ...extra }),
      status,
    );
  }

  private renderLogin(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    data: { next: string; email?: string; error?: string },
    status = 200,
  ) {
    const loginCsrf = randomBytes(24).toString('base64url');
    reply.setCookie(LOGIN_CSRF_COOKIE, loginCsrf, { ...this.cookieOptions(), maxAge: 3600 });
    return this.send(reply, this.views.render('login', this.page(request), { ...data, loginCsrf }), status);
  }

  private page(request: AuthenticatedRequest): PageContext {
    const auth = request.auth;
    return {
      language: this.language(request),
      principal: auth?.principal ?? null,
      csrfToken: auth?.sessionToken ? csrfTokenFor(auth.sessionToken) : null,
      currentPath: request.url,
    };
  }

  /** The chosen language (cookie), else the user's own, else Japanese. */
  private language(request: AuthenticatedRequest): Language {
    const chosen = request.cookies[LANGUAGE_COOKIE];
    if (LANGUAGES.includes(chosen as Language)) return chosen as Language;
    return request.auth?.principal.language ?? 'ja';
  }

  private cookieOptions() {
    return {
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.config.PUBLIC_BASE_URL.startsWith('https:'),
    };
  }

  private send(reply: FastifyReply, html: string, status = 200) {
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(html);
  }
}

interface ViewExtras {
  form?: Record<string, unknown>;
  errors?: FieldErrors;
  notice?: string;
  error?: string;
}
