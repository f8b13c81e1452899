import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { CalendarService, formatDuration } from '@madoguchi/business-calendar';
import { INQUIRY_CATEGORIES, SlaPolicyService, TICKET_CHANNELS, TICKET_PRIORITIES } from '@madoguchi/tickets';

import { RequireRole } from '../auth/auth.decorators';
import { AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { SlaPolicyDto, toSlaPolicyInput } from '../tickets/sla-policies.controller';
import { PageResponder } from './page-responder';
import { FormFailure, submitForm } from './web-form';

type FormBody = Record<string, string | undefined>;

/** Managers' page for SLA policies: the list in the order they are tried, and a form to add one. */
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
    const conditions = Object.fromEntries(
      ['priority', 'category', 'channel'].filter((name) => body[name]).map((name) => [name, body[name]]),
    );
    return submitForm({
      dto: SlaPolicyDto,
      body: {
        name: body.name,
        position: body.position === undefined || body.position === '' ? undefined : Number(body.position),
        conditions,
        calendarId: body.calendarId,
        firstResponseTarget: body.firstResponseTarget,
        resolutionTarget: body.resolutionTarget,
      },
      run: (value) => this.policies.create(requestContextOf(request), toSlaPolicyInput(value)),
      succeeded: () => reply.redirect('/sla-policies', 303),
      failed: (failure) => this.render(request, reply, { ...failure, form: body }, 400),
    });
  }

  private async render(request: AuthenticatedRequest, reply: FastifyReply, extra: Partial<FormFailure>, status = 200) {
    const policies = (await this.policies.list()).map((p) => ({
      ...p,
      firstResponseTarget: formatDuration(p.firstResponseMs),
      resolutionTarget: formatDuration(p.resolutionMs),
    }));
    return this.pages.render(
      request,
      reply,
      'sla-policies',
      {
        policies,
        calendars: await this.calendars.list(),
        options: { priority: TICKET_PRIORITIES, category: INQUIRY_CATEGORIES, channel: TICKET_CHANNELS },
        form: {},
        errors: {},
        ...extra,
      },
      status,
    );
  }
}
