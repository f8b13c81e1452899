import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { type AuditEntry, AuditService } from '@madoguchi/audit';
import { CalendarService, SUPPORT_HOURS, zonedToEpoch } from '@madoguchi/business-calendar';
import { DomainError, isUuid, type Principal, type RequestContext } from '@madoguchi/common';
import { AccountLinkService, OrganizationService, SecondFactorService, UserService } from '@madoguchi/identity';
import { ServiceCatalogService, SubscriberService } from '@madoguchi/notices';

import { auditFilterOf, AuditQueryDto } from '../../audit/audit.dto';
import { Ctx, RequireRole } from '../../auth/auth.decorators';
import { STATUS_BY_KIND } from '../../http/problem-details.filter';
import { type Language, translator } from '../../i18n/i18n';
import {
  CreateOrganizationDto,
  CreateUserDto,
  UpdateOrganizationDto,
  UpdateUserDto,
} from '../../identity/identity.dto';
import { NoticeRecipientDto } from '../../notices/notices.dto';
import { confirmationStep, confirmed } from '../shared/confirmation';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo, Viewer } from '../shared/page';
import { type FormState, formValues, freshForm, parseForm, submitForm } from '../shared/web-form';
import {
  AUDIT_TARGET_PAGES,
  type AuditPage,
  type AuditRow,
  type AuditTargetType,
  type OrganizationEditPage,
  type OrganizationsPage,
  type UserEditPage,
  type UsersPage,
} from './admin.page-models';

type FormBody = Record<string, string | undefined>;

const AUDIT_PAGE_SIZE = 50;

/** Admins' pages: organizations (with who gets their notices), users and the audit log. Every change goes through the same use cases as the API. */
@ApiExcludeController()
@RequireRole('admin')
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
    private readonly audit: AuditService,
    private readonly services: ServiceCatalogService,
    private readonly subscribers: SubscriberService,
    private readonly calendars: CalendarService,
    private readonly secondFactors: SecondFactorService,
    private readonly links: AccountLinkService,
  ) {}

  @Get('organizations')
  @Page('admin/organizations')
  organizationsPage(@Viewer() viewer: Principal): Promise<OrganizationsPage> {
    return this.organizationsModel(viewer, freshForm());
  }

  @Post('organizations')
  @Page('admin/organizations')
  createOrganization(
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Body() body: FormBody,
  ): Promise<PageResponse<OrganizationsPage>> {
    return submitForm({
      dto: CreateOrganizationDto,
      language,
      body,
      run: (value) => this.organizations.create(context, value),
      succeeded: (created) =>
        this.organizationsModel(viewer, {
          ...freshForm(),
          notice: translator(language)('org.created', { name: created.name }),
        }),
      failed: async (failure) => page(await this.organizationsModel(viewer, failure), { status: 400 }),
    });
  }

  @Get('organizations/:id')
  @Page('admin/organization-edit')
  editOrganizationPage(
    @Viewer() viewer: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<OrganizationEditPage> {
    return this.organizationEditModel(viewer, id, {});
  }

  @Post('organizations/:id')
  @Page('admin/organization-edit')
  editOrganization(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<OrganizationEditPage>> {
    return submitForm({
      dto: UpdateOrganizationDto,
      language,
      // An emptied code field clears the code.
      body: { name: body.name, code: body.code || null },
      run: (value) => this.organizations.update(context, id, { name: value.name, code: value.code ?? null }),
      succeeded: () => redirectTo('/admin/organizations'),
      failed: async (failure) => page(await this.organizationEditModel(viewer, id, failure), { status: 400 }),
    });
  }

  @Post('organizations/:id/active')
  @Page()
  async setOrganizationActive(
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    if (body.active !== 'true' && !confirmed(body)) {
      const { name } = await this.organizations.get(viewer, id);
      return confirmationStep(translator(language), 'deactivateOrganization', {
        action: `/admin/organizations/${id}/active`,
        back: '/admin/organizations',
        body,
        values: { name },
      });
    }
    await this.organizations.update(context, id, { active: body.active === 'true' });
    return redirectTo('/admin/organizations');
  }

  @Post('organizations/:id/services')
  @Page()
  async setOrganizationServices(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, string | string[] | undefined>,
  ) {
    const serviceIds = formValues(body.serviceIds);
    await this.subscribers.setOrganizationServices(context, id, serviceIds);
    return redirectTo(`/admin/organizations/${id}#notices`);
  }

  @Post('organizations/:id/notice-recipients')
  @Page('admin/organization-edit')
  addNoticeRecipient(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<OrganizationEditPage>> {
    return submitForm({
      dto: NoticeRecipientDto,
      language,
      body: { email: body.email, language: body.language },
      run: (value) =>
        this.subscribers.addExtraRecipient(context, id, { email: value.email, language: value.language ?? 'ja' }),
      succeeded: () => redirectTo(`/admin/organizations/${id}#notices`),
      failed: async (failure) =>
        page(await this.organizationEditModel(viewer, id, { recipientForm: failure }), { status: 400 }),
    });
  }

  @Post('organizations/:id/notice-recipients/:recipientId/delete')
  @Page()
  async removeNoticeRecipient(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('recipientId', ParseUUIDPipe) recipientId: string,
  ) {
    await this.subscribers.removeExtraRecipient(context, id, recipientId);
    return redirectTo(`/admin/organizations/${id}#notices`);
  }

  @Get('users')
  @Page('admin/users')
  usersPage(@Viewer() viewer: Principal): Promise<UsersPage> {
    return this.usersModel(viewer, freshForm());
  }

  @Post('users')
  @Page('admin/users')
  createUser(
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Body() body: FormBody,
  ): Promise<PageResponse<UsersPage>> {
    const invite = body.invite === 'on';
    return submitForm({
      dto: CreateUserDto,
      language,
      body: { ...body, invite: invite || undefined },
      run: (value) => this.users.create(context, value),
      succeeded: (created) =>
        this.usersModel(viewer, {
          ...freshForm(),
          notice: translator(language)(invite ? 'user.invited' : 'user.created', { email: created.email }),
        }),
      failed: async (failure) => page(await this.usersModel(viewer, failure), { status: 400 }),
    });
  }

  @Get('users/:id')
  @Page('admin/user-edit')
  editUserPage(@Viewer() viewer: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<UserEditPage> {
    return this.userEditModel(viewer, id, {});
  }

  @Post('users/:id')
  @Page('admin/user-edit')
  editUser(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<UserEditPage>> {
    return submitForm({
      dto: UpdateUserDto,
      language,
      body: { ...body, organizationId: body.organizationId || null },
      run: (value) => this.users.update(context, id, value),
      succeeded: () => redirectTo('/admin/users'),
      failed: async (failure) => page(await this.userEditModel(viewer, id, failure), { status: 400 }),
    });
  }

  @Post('users/:id/active')
  @Page()
  async setUserActive(
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    if (body.active !== 'true' && !confirmed(body)) {
      const { name, email } = await this.users.get(viewer, id);
      return confirmationStep(translator(language), 'deactivateUser', {
        action: `/admin/users/${id}/active`,
        back: '/admin/users',
        body,
        values: { name, email },
      });
    }
    await this.users.update(context, id, { active: body.active === 'true' });
    return redirectTo('/admin/users');
  }

  /** A lost phone: the user's second factor removed and their sessions ended, after a confirmation. */
  /** The invitation again, for a contact whose mail was lost or whose link expired. */
  @Post('users/:id/invitation')
  @Page('admin/user-edit')
  async resendInvitation(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PageResponse<UserEditPage>> {
    try {
      await this.links.resendInvitation(context, id);
    } catch (error) {
      if (!(error instanceof DomainError) || !['conflict', 'rate-limited'].includes(error.kind)) throw error;
      return page(await this.userEditModel(viewer, id, { error }), { status: STATUS_BY_KIND[error.kind] });
    }
    return this.userEditModel(viewer, id, { notice: translator(language)('user.invitationResent') });
  }

  @Post('users/:id/second-factor/reset')
  @Page()
  async resetSecondFactor(
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    if (!confirmed(body)) {
      const { name, email } = await this.users.get(viewer, id);
      return confirmationStep(translator(language), 'resetSecondFactor', {
        action: `/admin/users/${id}/second-factor/reset`,
        back: `/admin/users/${id}`,
        body,
        values: { name, email },
      });
    }
    await this.secondFactors.reset(context, id);
    return redirectTo(`/admin/users/${id}`);
  }

  @Get('audit')
  @Page('admin/audit')
  async auditPage(
    @Viewer() viewer: Principal,
    @ReaderLanguage() language: Language,
    @Query() query: Record<string, string | undefined>,
  ): Promise<PageResponse<AuditPage>> {
    // Dates are whole days in the desk's zone: `to` includes its day.
    const zone = await this.calendars.timeZone(SUPPORT_HOURS.id);
    const day = (date: string | undefined, offsetDays: number) => {
      const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
      if (!parts) return undefined;
      const [year, month, dayOfMonth] = parts.slice(1).map(Number) as [number, number, number];
      return new Date(zonedToEpoch(year, month, dayOfMonth + offsetDays, 0, zone)).toISOString();
    };
    const fields = {
      action: query.action,
      targetType: query.targetType,
      targetId: query.targetId,
      from: day(query.from, 0),
      to: day(query.to, 1),
    };
    const form = await parseForm(AuditQueryDto, fields, language);
    const filter = form.errors ? {} : auditFilterOf(form.value);
    const beforeId = /^\d{1,19}$/.test(query.cursor ?? '') ? query.cursor : undefined;
    const entries = await this.audit.list(filter, AUDIT_PAGE_SIZE + 1, beforeId);
    const shown = entries.slice(0, AUDIT_PAGE_SIZE);
    const nextCursor = entries.length > AUDIT_PAGE_SIZE ? shown[shown.length - 1]!.id : null;
    const queryOf = (values: Record<string, string | undefined>) =>
      new URLSearchParams(
        Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])),
      ).toString();
    const model = {
      entries: await this.auditRows(viewer, shown),
      nextCursor,
      form: query,
      errors: form.errors ?? {},
      filterQuery: queryOf({ ...fields, from: query.from, to: query.to }),
      exportQuery: queryOf(fields),
    };
    return form.errors ? page(model, { status: 400 }) : model;
  }

  /** Actors and targets by name and linked: a UUID is never the text a person reads. */
  private async auditRows(viewer: Principal, entries: AuditEntry[]): Promise<AuditRow[]> {
    const ids = entries.flatMap((entry) => [entry.actorId, entry.targetId].filter((id): id is string => id !== null));
    const names = await this.users.namesOf(viewer, ids);
    return entries.map((entry) => {
      const type = entry.targetType as AuditTargetType | null;
      const pageOf = type && type in AUDIT_TARGET_PAGES ? AUDIT_TARGET_PAGES[type] : null;
      const id = entry.targetId;
      return {
        ...entry,
        actor: entry.actorId
          ? { name: names.get(entry.actorId) ?? entry.actorEmail ?? '—', href: `/admin/users/${entry.actorId}` }
          : null,
        target: entry.targetType
          ? {
              kind: type && type in AUDIT_TARGET_PAGES ? type : null,
              // A name when the target has one; an id that is not a UUID (a calendar's, a month, an address) reads as it is.
              name: (id && names.get(id)) ?? (id && !isUuid(id) ? id : null),
              href: id && pageOf ? pageOf(id) : null,
            }
          : null,
      };
    });
  }

  private async organizationsModel(viewer: Principal, state: FormState): Promise<OrganizationsPage> {
    return { organizations: await this.organizations.list(viewer), ...state };
  }

  private async organizationEditModel(
    viewer: Principal,
    id: string,
    state: Partial<FormState> & { recipientForm?: FormState },
  ): Promise<OrganizationEditPage> {
    const organization = await this.organizations.get(viewer, id);
    return {
      organization,
      form: { name: organization.name, code: organization.code },
      errors: {},
      services: await this.services.list(),
      uses: await this.subscribers.organizationServices(id),
      recipients: await this.subscribers.extraRecipients(id),
      recipientForm: freshForm(),
      ...state,
    };
  }

  /** Organizations a user can be put in: the active ones. */
  private async activeOrganizations(viewer: Principal) {
    return (await this.organizations.list(viewer)).filter((organization) => organization.active);
  }

  private async usersModel(viewer: Principal, state: FormState): Promise<UsersPage> {
    const [users, organizations] = await Promise.all([this.users.list(viewer), this.activeOrganizations(viewer)]);
    return { users, organizations, ...state };
  }

  private async userEditModel(viewer: Principal, id: string, state: Partial<FormState>): Promise<UserEditPage> {
    const [user, organizations] = await Promise.all([this.users.get(viewer, id), this.activeOrganizations(viewer)]);
    const secondFactor = await this.secondFactors.status({ userId: user.id, role: user.role });
    const form = state.form ?? {
      name: user.name,
      role: user.role,
      organizationId: user.organizationId ?? '',
      language: user.language,
    };
    return { user, organizations, secondFactor, errors: {}, ...state, form };
  }
}
