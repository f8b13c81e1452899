import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { AuditService } from '@madoguchi/audit';
import { DirectoryRepository, OrganizationService, UserService } from '@madoguchi/identity';
import { ServiceCatalogService, SubscriberService } from '@madoguchi/notices';

import { auditFilterOf, AuditQueryDto } from '../audit/audit.dto';
import { RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { CreateOrganizationDto, CreateUserDto, UpdateOrganizationDto, UpdateUserDto } from '../identity/identity.dto';
import { NoticeRecipientDto } from '../notices/notices.dto';
import { translator } from './i18n';
import { PageResponder } from './page-responder';
import { FormFailure, parseForm, submitForm } from './web-form';

type FormBody = Record<string, string | undefined>;
type PageExtras = Partial<FormFailure> & { notice?: string };

const AUDIT_PAGE_SIZE = 50;

/** Admins' pages: organizations (with who gets their notices), users and the audit log. Every change goes through the same use cases as the API. */
@ApiExcludeController()
@RequireRole('admin')
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly directory: DirectoryRepository,
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
    private readonly audit: AuditService,
    private readonly services: ServiceCatalogService,
    private readonly subscribers: SubscriberService,
  ) {}

  @Get('organizations')
  organizationsPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.renderOrganizations(request, reply, {});
  }

  @Post('organizations')
  createOrganization(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const t = translator(this.pages.language(request));
    return submitForm({
      dto: CreateOrganizationDto,
      body,
      run: (value) => this.organizations.create(requestContextOf(request), value),
      succeeded: (created) =>
        this.renderOrganizations(request, reply, { notice: t('org.created', { name: created.name }) }),
      failed: (failure) => this.renderOrganizations(request, reply, failure, 400),
    });
  }

  @Get('organizations/:id')
  async editOrganizationPage(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.renderOrganizationEdit(request, reply, id, {});
  }

  @Post('organizations/:id')
  editOrganization(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    return submitForm({
      dto: UpdateOrganizationDto,
      // An emptied code field clears the code.
      body: { name: body.name, code: body.code || null },
      run: (value) =>
        this.organizations.update(requestContextOf(request), id, { name: value.name, code: value.code ?? null }),
      succeeded: () => reply.redirect('/admin/organizations', 303),
      failed: (failure) => this.renderOrganizationEdit(request, reply, id, failure, 400),
    });
  }

  @Post('organizations/:id/active')
  async setOrganizationActive(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    await this.organizations.update(requestContextOf(request), id, { active: body.active === 'true' });
    return reply.redirect('/admin/organizations', 303);
  }

  @Post('organizations/:id/services')
  async setOrganizationServices(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, string | string[] | undefined>,
  ) {
    const serviceIds = ([] as string[]).concat(body.serviceIds ?? []);
    await this.subscribers.setOrganizationServices(requestContextOf(request), id, serviceIds);
    return reply.redirect(`/admin/organizations/${id}#notices`, 303);
  }

  @Post('organizations/:id/notice-recipients')
  addNoticeRecipient(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    return submitForm({
      dto: NoticeRecipientDto,
      body: { email: body.email, language: body.language },
      run: (value) =>
        this.subscribers.addExtraRecipient(requestContextOf(request), id, {
          email: value.email,
          language: value.language ?? 'ja',
        }),
      succeeded: () => reply.redirect(`/admin/organizations/${id}#notices`, 303),
      failed: (failure) => this.renderOrganizationEdit(request, reply, id, { recipientForm: failure }, 400),
    });
  }

  @Post('organizations/:id/notice-recipients/:recipientId/delete')
  async removeNoticeRecipient(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('recipientId', ParseUUIDPipe) recipientId: string,
  ) {
    await this.subscribers.removeExtraRecipient(requestContextOf(request), id, recipientId);
    return reply.redirect(`/admin/organizations/${id}#notices`, 303);
  }

  @Get('users')
  usersPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.renderUsers(request, reply, {});
  }

  @Post('users')
  createUser(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const t = translator(this.pages.language(request));
    return submitForm({
      dto: CreateUserDto,
      body,
      run: (value) => this.users.create(requestContextOf(request), value),
      succeeded: (created) => this.renderUsers(request, reply, { notice: t('user.created', { email: created.email }) }),
      failed: (failure) => this.renderUsers(request, reply, failure, 400),
    });
  }

  @Get('users/:id')
  editUserPage(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.renderUserEdit(request, reply, id, {});
  }

  @Post('users/:id')
  editUser(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    return submitForm({
      dto: UpdateUserDto,
      body: { ...body, organizationId: body.organizationId || null },
      run: (value) => this.users.update(requestContextOf(request), id, value),
      succeeded: () => reply.redirect('/admin/users', 303),
      failed: (failure) => this.renderUserEdit(request, reply, id, failure, 400),
    });
  }

  @Post('users/:id/active')
  async setUserActive(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    await this.users.update(requestContextOf(request), id, { active: body.active === 'true' });
    return reply.redirect('/admin/users', 303);
  }

  @Get('audit')
  async auditPage(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, string | undefined>,
  ) {
    // Dates are whole days in Japan time: `to` includes its day.
    const day = (date: string | undefined, offsetDays: number) =>
      date && /^\d{4}-\d{2}-\d{2}$/.test(date)
        ? new Date(Date.parse(`${date}T00:00:00+09:00`) + offsetDays * 86_400_000).toISOString()
        : undefined;
    const fields = {
      action: query.action,
      targetType: query.targetType,
      targetId: query.targetId,
      from: day(query.from, 0),
      to: day(query.to, 1),
    };
    const form = await parseForm(AuditQueryDto, fields);
    const filter = form.errors ? {} : auditFilterOf(form.value);
    const beforeId = /^\d{1,19}$/.test(query.cursor ?? '') ? query.cursor : undefined;
    const entries = await this.audit.list(filter, AUDIT_PAGE_SIZE + 1, beforeId);
    const page = entries.slice(0, AUDIT_PAGE_SIZE);
    const nextCursor = entries.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null;
    const kept = Object.entries({
      action: query.action,
      targetType: query.targetType,
      targetId: query.targetId,
      from: query.from,
      to: query.to,
    });
    const filterQuery = new URLSearchParams(
      kept.filter((entry): entry is [string, string] => Boolean(entry[1])),
    ).toString();
    const exportQuery = new URLSearchParams(
      Object.entries(fields).filter((entry): entry is [string, string] => Boolean(entry[1])),
    ).toString();
    return this.pages.render(
      request,
      reply,
      'audit',
      { entries: page, nextCursor, form: query, errors: form.errors ?? {}, filterQuery, exportQuery },
      form.errors ? 400 : 200,
    );
  }

  private async renderOrganizations(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    extra: PageExtras,
    status = 200,
  ) {
    const organizations = await this.directory.organizations(request.auth!.principal, { includeInactive: true });
    return this.pages.render(
      request,
      reply,
      'organizations',
      { organizations, form: {}, errors: {}, ...extra },
      status,
    );
  }

  private async renderOrganizationEdit(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    id: string,
    extra: PageExtras & { recipientForm?: FormFailure },
    status = 200,
  ) {
    const organization = await this.directory.organization(request.auth!.principal, id);
    if (!organization) throw new NotFoundException();
    return this.pages.render(
      request,
      reply,
      'organization-edit',
      {
        organization,
        form: organization,
        errors: {},
        services: await this.services.list(),
        uses: await this.subscribers.organizationServices(id),
        recipients: await this.subscribers.extraRecipients(id),
        recipientForm: { form: {}, errors: {} },
        ...extra,
      },
      status,
    );
  }

  private async renderUsers(request: AuthenticatedRequest, reply: FastifyReply, extra: PageExtras, status = 200) {
    const principal = request.auth!.principal;
    const [users, organizations] = await Promise.all([
      this.directory.users(principal),
      this.directory.organizations(principal),
    ]);
    return this.pages.render(request, reply, 'users', { users, organizations, form: {}, errors: {}, ...extra }, status);
  }

  private async renderUserEdit(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    id: string,
    extra: PageExtras,
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
    return this.pages.render(request, reply, 'user-edit', { user, organizations, errors: {}, ...extra, form }, status);
  }
}
