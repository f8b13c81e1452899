import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import {
  addDays,
  CalendarService,
  civilDateOf,
  formatCivilDate,
  parseCivilDate,
  zonedToEpoch,
} from '@madoguchi/business-calendar';
import { Clock } from '@madoguchi/common';
import { WallboardService } from '@madoguchi/kpi';
import {
  AgentPresenceService,
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  CallLogService,
  CallQueryService,
  DeskClosureService,
  IMPORT_FORMATS,
  PRESENCE_STATES,
  UPLOAD_MISMATCHES,
} from '@madoguchi/telephony';
import { INQUIRY_CATEGORIES } from '@madoguchi/tickets';

import { RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { ClosureDto, LogCallDto, SetPresenceDto, TicketFromCallDto } from '../telephony/telephony.dto';
import { PageResponder } from './page-responder';
import { FormFailure, localInstant, submitForm } from './web-form';

type FormBody = Record<string, string | undefined>;

const CALLS_PAGE_SIZE = 500;

/** How often the wallboard asks for the board again (the issue asks for "within 5 s"). */
const WALLBOARD_REFRESH_SECONDS = 3;

/**
 * The phone desk: every agent's presence toggle and "log a call" form; for managers the day's
 * calls with agents' availability, each call's timeline, PBX log uploads and desk closures.
 */
@ApiExcludeController()
@Controller('phone')
export class PhonePagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly calls: CallQueryService,
    private readonly log: CallLogService,
    private readonly presence: AgentPresenceService,
    private readonly closures: DeskClosureService,
    private readonly calendars: CalendarService,
    private readonly wallboard: WallboardService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequireRole('agent')
  home(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.renderHome(request, reply, {});
  }

  /** The call centre's live board: it polls the wallboard API every few seconds. */
  @Get('wallboard')
  @RequireRole('agent')
  async wallboardPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'wallboard', {
      board: await this.wallboard.now(),
      refreshSeconds: WALLBOARD_REFRESH_SECONDS,
    });
  }

  @Post('presence')
  @RequireRole('agent')
  setPresence(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    return submitForm({
      dto: SetPresenceDto,
      body: { state: body.state, reason: body.reason },
      run: (value) => this.presence.set(requestContextOf(request), value.state, value.reason ?? null),
      succeeded: () => reply.redirect(body.next?.startsWith('/') ? body.next : '/phone', 303),
      failed: (failure) => this.renderHome(request, reply, failure, 400),
    });
  }

  @Post('calls')
  @RequireRole('agent')
  logCall(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    return submitForm({
      dto: LogCallDto,
      body: {
        direction: body.direction,
        callerNumber: body.callerNumber,
        startedAt: localInstant(body.startedAt),
        durationSeconds: body.durationMinutes ? String(Math.round(Number(body.durationMinutes) * 60)) : undefined,
        summary: body.summary,
        ticketId: body.ticketId,
      },
      run: (value) => this.log.log(requestContextOf(request), { ...value, startedAt: new Date(value.startedAt) }),
      succeeded: (call) =>
        reply.redirect(body.ticketId ? `/desk/tickets/${body.ticketId}` : `/phone/calls/${call.id}`, 303),
      failed: (failure) => this.renderHome(request, reply, { ...failure, form: body }, 400),
    });
  }

  @Get('calls')
  @RequireRole('manager')
  async list(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, string | undefined>,
  ) {
    const zone = await this.calendars.timeZone('support-hours');
    const day = parseCivilDate(query.day) ?? civilDateOf(this.clock.now(), zone);
    const from = new Date(zonedToEpoch(day.year, day.month, day.day, 0, zone));
    const next = addDays(day, 1);
    const to = new Date(zonedToEpoch(next.year, next.month, next.day, 0, zone));
    const outcome = [...CALL_OUTCOMES, 'waiting'].includes(query.outcome ?? '')
      ? (query.outcome as (typeof CALL_OUTCOMES)[number] | 'waiting')
      : undefined;
    const agent = query.agent?.trim().slice(0, 200) || undefined;
    const { items, nextCursor } = await this.calls.list({ from, to, outcome, agent }, CALLS_PAGE_SIZE);
    return this.pages.render(request, reply, 'calls', {
      day: formatCivilDate(day),
      previousDay: formatCivilDate(addDays(day, -1)),
      nextDay: formatCivilDate(next),
      filters: { outcome: outcome ?? '', agent: agent ?? '' },
      outcomes: CALL_OUTCOMES,
      agents: await this.calls.agents(),
      calls: items,
      truncated: nextCursor !== null,
      presence: await this.presence.intervals(from, to, agent),
      closures: await this.closures.list(from, to),
    });
  }

  @Get('calls/:id')
  @RequireRole('agent')
  callPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Param('id', ParseUUIDPipe) id: string) {
    return this.renderCall(request, reply, id, {});
  }

  @Post('calls/:id/ticket')
  @RequireRole('agent')
  createTicket(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    return submitForm({
      dto: TicketFromCallDto,
      body,
      run: (value) => this.log.createTicket(requestContextOf(request), id, value),
      succeeded: (ticket) => reply.redirect(`/desk/tickets/${ticket.ticketId}`, 303),
      failed: (failure) => this.renderCall(request, reply, id, failure, 400),
    });
  }

  @Get('imports')
  @RequireRole('manager')
  async imports(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'imports', {
      imports: await this.calls.recentImports(),
      formats: IMPORT_FORMATS,
      mismatches: UPLOAD_MISMATCHES,
    });
  }

  @Get('imports/:id')
  @RequireRole('manager')
  async importPage(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const [report, horizon] = await Promise.all([this.calls.importReport(id), this.presence.pbxHorizon()]);
    return this.pages.render(request, reply, 'import', { report, horizon });
  }

  @Get('closures')
  @RequireRole('manager')
  closuresPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.renderClosures(request, reply, {});
  }

  @Post('closures')
  @RequireRole('manager')
  recordClosure(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    return submitForm({
      dto: ClosureDto,
      body: { startsAt: localInstant(body.startsAt), endsAt: localInstant(body.endsAt), reason: body.reason },
      run: (value) =>
        this.closures.record(requestContextOf(request), {
          startsAt: new Date(value.startsAt),
          endsAt: new Date(value.endsAt),
          reason: value.reason,
        }),
      succeeded: () => reply.redirect('/phone/closures', 303),
      failed: (failure) => this.renderClosures(request, reply, { ...failure, form: body }, 400),
    });
  }

  private async renderHome(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    extra: Partial<FormFailure>,
    status = 200,
  ) {
    const zone = await this.calendars.timeZone('support-hours');
    const today = civilDateOf(this.clock.now(), zone);
    const from = new Date(zonedToEpoch(today.year, today.month, today.day, 0, zone));
    const mine = await this.calls.list({ from, direction: undefined }, 50);
    return this.pages.render(
      request,
      reply,
      'phone',
      {
        current: await this.presence.current(request.auth!.principal),
        states: PRESENCE_STATES,
        directions: CALL_DIRECTIONS,
        calls: mine.items,
        form: {},
        errors: {},
        ...extra,
      },
      status,
    );
  }

  private async renderCall(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    id: string,
    extra: Partial<FormFailure>,
    status = 200,
  ) {
    return this.pages.render(
      request,
      reply,
      'call',
      { call: await this.calls.get(id), categories: INQUIRY_CATEGORIES, form: {}, errors: {}, ...extra },
      status,
    );
  }

  private async renderClosures(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    extra: Partial<FormFailure>,
    status = 200,
  ) {
    const now = this.clock.now();
    const closures = await this.closures.list(new Date(now - 366 * 86_400_000), new Date(now + 366 * 86_400_000));
    return this.pages.render(
      request,
      reply,
      'closures',
      { closures: closures.reverse(), form: {}, errors: {}, ...extra },
      status,
    );
  }
}
