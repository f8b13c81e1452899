import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { CalendarService, formatDuration } from '@madoguchi/business-calendar';
import { INQUIRY_CATEGORIES, SlaPolicyService, TICKET_CHANNELS, TICKET_PRIORITIES } from '@madoguchi/tickets';

import { RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { SlaPolicyDto, toSlaPolicyInput } from '../tickets/sla-policy.dto';
import { PageResponder } from './page-responder';
import { FormFailure, submitForm } from './web-form';

type FormBody = Record<string, string | undefined>;

/** The form's flat fields as the API's policy body. */
function policyForm(body: FormBody) {
  const conditions = Object.fromEntries(
    ['priority', 'category', 'channel', 'organizationId']
      .filter((name) => body[name])
      .map((name) => [name, body[name]]),
  );
  return {
    name: body.name,
    position: body.position === undefined || body.position === '' ? undefined : Number(body.position),
    conditions,
    calendarId: body.calendarId,
    firstResponseTarget: body.firstResponseTarget,
    resolutionTarget: body.resolutionTarget,
  };
}

/** Managers' page for SLA policies: the list in the order they are tried, a form to add one, and one to edit each. */
@ApiExcludeController()
@RequireRole('manager')
@Controller('sla-policies')
export class SlaPolicyPagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly policies: SlaPolicyService,
    private readonly calendars: CalendarService,
  ) {}

  @Get()
  list(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    return this.render(request, reply, {});
  }

  @Post()
  create(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    return submitForm({
      dto: SlaPolicyDto,
      body: policyForm(body),
      run: (value) => this.policies.create(requestContextOf(request), toSlaPolicyInput(value)),
      succeeded: () => reply.redirect('/sla-policies', 303),
      failed: (failure) => this.render(request, reply, { ...failure, form: body }, 400),
    });
  }

  @Get(':id')
  edit(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Param('id', ParseUUIDPipe) id: string) {
    return this.render(request, reply, {}, 200, id);
  }

  @Post(':id')
  update(
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ) {
    return submitForm({
      dto: SlaPolicyDto,
      body: policyForm(body),
      run: (value) => this.policies.update(requestContextOf(request), id, toSlaPolicyInput(value)),
      succeeded: () => reply.redirect('/sla-policies', 303),
      failed: (failure) => this.render(request, reply, { ...failure, form: body }, 400, id),
    });
  }

  /** The list, or (with `editing`) one policy's form filled in with its current values. */
  private async render(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    extra: Partial<FormFailure>,
    status = 200,
    editing?: string,
  ) {
    const policies = (await this.policies.list()).map((p) => ({
      ...p,
      firstResponseTarget: formatDuration(p.firstResponseMs),
      resolutionTarget: formatDuration(p.resolutionMs),
    }));
    const policy = editing ? policies.find((p) => p.id === editing) : undefined;
    if (editing && !policy) throw new NotFoundException(`No SLA policy ${editing}.`);
    return this.pages.render(
      request,
      reply,
      policy ? 'sla-policy-edit' : 'sla-policies',
      {
        policies,
        policy,
        calendars: await this.calendars.list(),
        options: { priority: TICKET_PRIORITIES, category: INQUIRY_CATEGORIES, channel: TICKET_CHANNELS },
        form: policy ? { ...policy.conditions, ...policy, position: String(policy.position) } : {},
        errors: {},
        ...extra,
      },
      status,
    );
  }
}
