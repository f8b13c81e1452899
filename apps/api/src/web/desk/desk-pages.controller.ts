import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { CalendarService, formatDurationForPeople } from '@madoguchi/business-calendar';
import {
  Clock,
  DomainError,
  isUuid,
  type Principal,
  type RequestContext,
  roleSatisfies,
  ValidationFailedError,
} from '@madoguchi/common';
import { OrganizationService } from '@madoguchi/identity';
import {
  AgentGroupService,
  decodeCursor,
  INQUIRY_CATEGORIES,
  MAX_BULK_TICKETS,
  NOTIFICATION_KINDS,
  NotificationService,
  SAVED_VIEW_PARAMETERS,
  SavedViewService,
  slaBadge,
  TagService,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketChanges,
  TicketCommandService,
  type TicketFilter,
  TicketQueryService,
  ticketSearchTerms,
  type TicketStatus,
} from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../../auth/auth.decorators';
import { isMessageKey, type Language, type MessageKey, translator } from '../../i18n/i18n';
import { UpdateTicketDto } from '../../tickets/ticket.dto';
import { confirmationStep, confirmed } from '../shared/confirmation';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo, Viewer } from '../shared/page';
import { safeNext } from '../shared/same-site-path';
import { type FormFields, formValue, formValues, submitForm } from '../shared/web-form';
import {
  DESK_BULK_PROBLEMS,
  DESK_QUEUES,
  DESK_SORTS,
  type DeskBulkOutcome,
  type DeskFilters,
  type DeskOrganizationFilter,
  type DeskPage,
  type DeskQueue,
  type NotificationsPage,
  type TicketPage,
} from './desk.page-models';
import { TicketPageModels, ticketPath } from './ticket-page';

type FormBody = Record<string, string | undefined>;

const OPEN_STATUSES: TicketStatus[] = ['new', 'open', 'pending'];
const DESK_PAGE_SIZE = 50;
/** Organizations an organization filter may stand for at once before it asks for more of the name. */
const ORGANIZATION_MATCHES = 10;

/** The query parameters a bulk action's outcome comes back in (not kept when the desk moves on). */
const BULK_OUTCOME = ['bulkUpdated', 'bulkFailed', 'bulkProblem'] as const;

/** The value if it is one of the allowed ones: unknown filter values are ignored rather than refused (a page, not the API). */
const pickOne = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** What the address says a bulk action did: anything malformed in it is left out. */
function bulkOutcome(query: Record<string, string | undefined>, language: Language): DeskBulkOutcome | null {
  const t = translator(language);
  const problem = pickOne(query.bulkProblem, DESK_BULK_PROBLEMS);
  if (problem) return { updated: 0, failed: [], problem };
  if (!query.bulkUpdated || !/^\d{1,3}$/.test(query.bulkUpdated)) return null;
  const statuses = TICKET_STATUSES.join('|');
  const entry = new RegExp(`^([A-Z0-9-]{1,30}|\\?):([a-z.-]{1,60})(?::(${statuses})>(${statuses}))?$`);
  const failed = (query.bulkFailed ?? '')
    .split(',')
    .map((text) => entry.exec(text))
    .flatMap((match) => {
      if (!match) return [];
      const [, number, code, from, to] = match as unknown as [string, string, string, TicketStatus?, TicketStatus?];
      const key = `problem.${code}`;
      const transition = from && to ? { from: t(`status.${from}`), to: t(`status.${to}`) } : undefined;
      return [{ number, reason: isMessageKey(key) ? t(key, transition) : t('problem.validation.failed') }];
    })
    .slice(0, MAX_BULK_TICKETS);
  return { updated: Number(query.bulkUpdated), failed, problem: null };
}

/** The desk's address with these query parameters (empty ones left out): the next page keeps the filters. */
function deskLink(query: Record<string, string | undefined>): string {
  const parameters = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return `/desk?${parameters.toString()}`;
}

/** The agent desk: queues of open tickets, and each ticket's thread and controls. */
@ApiExcludeController()
@RequireRole('agent')
@Controller('desk')
export class DeskPagesController {
  constructor(
    private readonly queries: TicketQueryService,
    private readonly commands: TicketCommandService,
    private readonly tickets: TicketPageModels,
    private readonly clock: Clock,
    private readonly groups: AgentGroupService,
    private readonly calendars: CalendarService,
    private readonly notifications: NotificationService,
    private readonly views: SavedViewService,
    private readonly tags: TagService,
    private readonly organizations: OrganizationService,
  ) {}

  @Get()
  @Page('desk/desk')
  async desk(
    @Viewer() viewer: Principal,
    @ReaderLanguage() language: Language,
    @Query() query: Record<string, string | undefined>,
  ): Promise<PageResponse<DeskPage>> {
    const current: DeskQueue = DESK_QUEUES.includes(query.queue as DeskQueue) ? (query.queue as DeskQueue) : 'open';
    const search = query.q?.trim().slice(0, 100) || undefined;
    const [people, groups, groupIds, tags, organization] = await Promise.all([
      this.tickets.assignablePeople(),
      this.groups.list(),
      this.groups.groupIdsOf(viewer.userId),
      this.tags.list(),
      this.organizationFilter(viewer, query.organization),
    ]);
    const filters: DeskFilters = {
      priority: pickOne(query.priority, TICKET_PRIORITIES),
      category: pickOne(query.category, INQUIRY_CATEGORIES),
      channel: pickOne(query.channel, TICKET_CHANNELS),
      status: pickOne(query.status, TICKET_STATUSES),
      assignee: pickOne(
        query.assignee,
        people.map((person) => person.id),
      ),
      group: pickOne(
        query.group,
        groups.map((group) => group.id),
      ),
      tag: pickOne(
        query.tag,
        tags.map((tag) => tag.name),
      ),
      organization: organization.typed,
      sort: pickOne(query.sort, DESK_SORTS) ?? 'due',
    };
    const queueFilter = (queue: DeskQueue): TicketFilter => ({
      // A search looks through closed tickets too: a caller may read out the number of an old one.
      statuses: filters.status ? [filters.status] : search ? undefined : OPEN_STATUSES,
      assigneeId: queue === 'mine' ? viewer.userId : filters.assignee,
      unassigned: queue === 'unassigned',
      groupIds: queue === 'groups' ? groupIds : filters.group ? [filters.group] : undefined,
      search,
      priority: filters.priority,
      category: filters.category,
      channel: filters.channel,
      tag: filters.tag,
      organizationIds: organization.ids,
    });
    const filter = queueFilter(current);
    const after = query.after ? (decodeCursor(query.after) ?? undefined) : undefined;
    const { items, nextCursor } = await this.queries.list(viewer, filter, DESK_PAGE_SIZE, after, filters.sort);
    // A full ticket number names one ticket: open it rather than list it.
    const number = search ? ticketSearchTerms(search).number : undefined;
    const named = number ? items.find((ticket) => ticket.number === number) : undefined;
    if (named) return redirectTo(ticketPath(viewer, named.id));
    const now = this.clock.now();
    const rows = await Promise.all(
      items.map(async (ticket) => {
        const badge = slaBadge(
          {
            status: ticket.status,
            firstRespondedAt: ticket.firstRespondedAt ? Date.parse(ticket.firstRespondedAt) : null,
            firstResponseDueAt: Date.parse(ticket.firstResponseDueAt!),
            resolutionDueAt: Date.parse(ticket.resolutionDueAt!),
          },
          now,
          await this.calendars.calendar(ticket.calendarId),
        );
        return {
          ...ticket,
          dueAt: badge.dueAt,
          overdue: badge.overdue,
          remaining: badge.remainingMs === null ? null : formatDurationForPeople(badge.remainingMs, language),
        };
      }),
    );
    // Each queue's count under the same filters, so the tabs say where the work is.
    const counts = Object.fromEntries(
      await Promise.all(
        DESK_QUEUES.map(async (queue) => [queue, await this.queries.count(viewer, queueFilter(queue))] as const),
      ),
    ) as Record<DeskQueue, number>;
    const staffNames = Object.fromEntries(people.map((person) => [person.id, person.name]));
    // The list's own parameters: a bulk action's outcome is shown once, not carried to the next page.
    const listQuery = Object.fromEntries(
      Object.entries(query).filter(([key]) => !(BULK_OUTCOME as readonly string[]).includes(key)),
    );
    return {
      rows,
      staffNames,
      counts,
      next: nextCursor ? deskLink({ ...listQuery, after: nextCursor }) : null,
      first: after ? deskLink({ ...listQuery, after: undefined }) : null,
      unreadNotifications: await this.notifications.unreadCount(viewer),
      views: await this.views.list(viewer),
      // What a saved view keeps: the filters of this page, not its position in the list.
      viewQuery: Object.fromEntries(SAVED_VIEW_PARAMETERS.flatMap((key) => (query[key] ? [[key, query[key]]] : []))),
      queues: DESK_QUEUES,
      current,
      groupIds,
      search: search ?? '',
      filters,
      organizations: organization.matches && {
        ...organization.matches,
        items: organization.matches.items.map((match) => ({
          ...match,
          href: deskLink({ ...listQuery, after: undefined, organization: match.id }),
        })),
      },
      bulk: bulkOutcome(query, language),
      back: deskLink(listQuery),
      mayKeepTags: roleSatisfies(viewer.role, 'manager'),
      options: {
        priority: TICKET_PRIORITIES,
        category: INQUIRY_CATEGORIES,
        channel: TICKET_CHANNELS,
        status: TICKET_STATUSES,
        sort: DESK_SORTS,
        people,
        groups: groups.map(({ id, name }) => ({ id, name })),
        tags: tags.map((tag) => tag.name),
      },
    };
  }

  /**
   * The organization filter: an id (a candidate's link) or what the agent typed — a code, or part
   * of a name. Up to ten matches are all filtered on and named, so the agent can narrow to one;
   * more, and the filter asks for more of the name instead of guessing.
   */
  private async organizationFilter(viewer: Principal, value: string | undefined): Promise<DeskOrganizationFilter> {
    const typed = value?.trim().slice(0, 100) ?? '';
    if (!typed) return { typed, ids: undefined, matches: null };
    const matches = await this.organizations.search(viewer, typed, ORGANIZATION_MATCHES + 1);
    if (matches.length > ORGANIZATION_MATCHES) return { typed, ids: undefined, matches: { items: [], tooMany: true } };
    return {
      typed: isUuid(typed) ? (matches[0]?.name ?? typed) : typed,
      ids: matches.map((match) => match.id),
      matches: { items: matches, tooMany: false },
    };
  }

  /**
   * The desk's bulk actions on the ticked rows. The outcome travels back in the desk's address
   * (how many changed; each refused ticket's number and why), so a reload shows it and repeats nothing.
   */
  @Post('bulk')
  @Page()
  async bulk(@Viewer() viewer: Principal, @Ctx() context: RequestContext, @Body() body: FormFields) {
    const single = (name: string) => formValue(body[name]) ?? '';
    const next = safeNext(single('back'));
    const back = next.startsWith('/desk') ? next : '/desk';
    const ids = formValues(body.ids).filter(isUuid).slice(0, MAX_BULK_TICKETS);
    const assign = single('assign');
    const changes: TicketChanges = {
      ...(assign === 'me'
        ? { assigneeId: viewer.userId }
        : assign === 'nobody'
          ? { assigneeId: null }
          : isUuid(assign)
            ? { assigneeId: assign }
            : {}),
      ...(pickOne(single('status'), TICKET_STATUSES) ? { status: single('status') as TicketStatus } : {}),
      ...(single('addTag') ? { addTags: [single('addTag')] } : {}),
    };
    const outcome = (parameters: Record<string, string>) =>
      redirectTo(`${back}${back.includes('?') ? '&' : '?'}${new URLSearchParams(parameters).toString()}`);
    if (ids.length === 0 || Object.keys(changes).length === 0)
      return outcome({ bulkProblem: ids.length === 0 ? 'no-tickets' : 'no-change' });
    try {
      const { updated, failed } = await this.commands.bulkUpdate(context, ids, changes);
      const refused = await Promise.all(
        failed.map(async ({ id, error }) => {
          const ticket = await this.queries.reference(viewer, id).catch(() => null);
          // A refused status change says from what to what (the only details the desk shows).
          const { from, to } = error.details as { from?: string; to?: string };
          return `${ticket?.number ?? '?'}:${error.code}${from && to ? `:${from}>${to}` : ''}`;
        }),
      );
      return outcome({
        bulkUpdated: String(updated.length),
        ...(refused.length ? { bulkFailed: refused.join(',') } : {}),
      });
    } catch (error) {
      if (error instanceof ValidationFailedError) return outcome({ bulkProblem: 'refused' });
      throw error;
    }
  }

  /** Saves the desk's filters under a name, and shows them. */
  @Post('views')
  @Page()
  async saveView(@Ctx() context: RequestContext, @Body() body: FormBody) {
    const { name, ...filters } = body;
    const view = await this.views.save(context, name ?? '', filters);
    return redirectTo(`/desk?${view.query}`);
  }

  @Post('views/:id/delete')
  @Page()
  async deleteView(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string) {
    await this.views.delete(context, id);
    return redirectTo('/desk');
  }

  @Get('notifications')
  @Page('desk/notifications')
  async notificationList(@Viewer() viewer: Principal): Promise<NotificationsPage> {
    return {
      notifications: await this.notifications.list(viewer),
      mail: await this.notifications.mailSettings(viewer),
    };
  }

  /** The viewer's choice of e-mails: a ticked kind comes by e-mail too. */
  @Post('notifications/settings')
  @Page('desk/notifications')
  async notificationSettings(
    @Viewer() viewer: Principal,
    @ReaderLanguage() language: Language,
    @Body() body: FormFields,
  ): Promise<NotificationsPage> {
    const ticked = formValues(body.mail);
    const mail = await this.notifications.setMailSettings(
      viewer,
      Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, ticked.includes(kind)])),
    );
    return {
      notifications: await this.notifications.list(viewer),
      mail,
      notice: translator(language)('notification.settingsSaved'),
    };
  }

  /** Marks the listed notifications read (the form names them: one, or all the page shows). */
  @Post('notifications/read')
  @Page()
  async readNotifications(@Viewer() viewer: Principal, @Body() body: FormFields) {
    const ids = formValues(body.ids).filter(isUuid);
    await this.notifications.markRead(viewer, ids);
    return redirectTo(
      typeof body.open === 'string' && isUuid(body.open) ? ticketPath(viewer, body.open) : '/desk/notifications',
    );
  }

  @Get('tickets/:id')
  @Page('desk/ticket')
  ticket(
    @Viewer() viewer: Principal,
    @ReaderLanguage() language: Language,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TicketPage> {
    return this.tickets.ticket(viewer, id, undefined, language);
  }

  @Post('tickets/:id/messages')
  @Page('desk/ticket')
  reply(
    @Viewer() viewer: Principal,
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() request: FastifyRequest,
  ): Promise<PageResponse<TicketPage>> {
    return this.tickets.reply(viewer, language, context, id, body, request);
  }

  /** Merging a duplicate, named by the number agents read: asked to confirm, then done, then the kept ticket shown. */
  @Post('tickets/:id/merge')
  @Page('desk/ticket')
  async merge(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    const t = translator(language);
    const refused = async (message: string) =>
      page(await this.tickets.ticket(viewer, id, { form: body, errors: { into: [message] } }), { status: 400 });
    const into = await this.ticketNumbered(viewer, body.into ?? '');
    if (!into) return refused(t('merge.notFound', { number: body.into ?? '' }));
    if (!confirmed(body)) {
      const duplicate = await this.queries.reference(viewer, id);
      return confirmationStep(t, 'mergeTicket', {
        action: `/desk/tickets/${id}/merge`,
        back: `/desk/tickets/${id}`,
        body,
        values: { number: duplicate.number, into: into.number },
      });
    }
    try {
      await this.commands.merge(context, id, into.id);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'rule-violation' && isMessageKey(`problem.${error.code}`))
        return refused(t(`problem.${error.code}` as MessageKey));
      throw error;
    }
    return redirectTo(ticketPath(viewer, into.id));
  }

  /** The ticket a typed number (`MD-2026-000301`, `301`) names, if the viewer may see it. */
  private async ticketNumbered(viewer: Principal, typed: string) {
    const { sequence } = ticketSearchTerms(typed);
    if (sequence === undefined) return null;
    const { items } = await this.queries.list(viewer, { search: typed.trim() }, 20);
    return items.find((ticket) => Number(ticket.number.split('-').pop()) === sequence) ?? null;
  }

  @Post('tickets/:id')
  @Page('desk/ticket')
  update(
    @ReaderLanguage() language: Language,
    @Viewer() viewer: Principal,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormFields,
  ): Promise<PageResponse<TicketPage>> {
    // Four forms post here: assign to me; hand to a person and/or group (empty: nobody); the tags
    // (every ticked one: none ticked clears them); status and priority.
    const single = (name: string) => formValue(body[name]);
    const changes =
      body.assign === 'me'
        ? { assigneeId: viewer.userId }
        : body.assign === 'other'
          ? { assigneeId: single('assigneeId') || null, groupId: single('groupId') || null }
          : body.form === 'tags'
            ? { tags: formValues(body.tags) }
            : { status: single('status'), priority: single('priority') };
    return submitForm({
      dto: UpdateTicketDto,
      language,
      body: changes,
      run: (value) => this.commands.update(context, id, value),
      succeeded: () => redirectTo(ticketPath(viewer, id)),
      failed: async (failure) => page(await this.tickets.ticket(viewer, id, failure), { status: 400 }),
    });
  }
}
