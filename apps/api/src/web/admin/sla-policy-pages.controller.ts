import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { CalendarService, formatDuration } from '@madoguchi/business-calendar';
import type { RequestContext } from '@madoguchi/common';
import { INQUIRY_CATEGORIES, SlaPolicyService, TICKET_CHANNELS, TICKET_PRIORITIES } from '@madoguchi/tickets';

import { Ctx, RequireRole } from '../../auth/auth.decorators';
import type { Language } from '../../i18n/i18n';
import { SlaPolicyDto, toSlaPolicyInput } from '../../tickets/sla-policy.dto';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo } from '../shared/page';
import { type FormState, submitForm } from '../shared/web-form';
import type { SlaPoliciesPage } from './admin.page-models';

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
    private readonly policies: SlaPolicyService,
    private readonly calendars: CalendarService,
  ) {}

  @Get()
  @Page('admin/sla-policies')
  list(): Promise<SlaPoliciesPage> {
    return this.model({});
  }

  @Post()
  @Page('admin/sla-policies')
  create(
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Body() body: FormBody,
  ): Promise<PageResponse<SlaPoliciesPage>> {
    return submitForm({
      dto: SlaPolicyDto,
      language,
      body: policyForm(body),
      run: (value) => this.policies.create(context, toSlaPolicyInput(value)),
      succeeded: () => redirectTo('/sla-policies'),
      failed: async (failure) => page(await this.model({ ...failure, form: body }), { status: 400 }),
    });
  }

  @Get(':id')
  @Page('admin/sla-policy-edit')
  edit(@Param('id', ParseUUIDPipe) id: string): Promise<SlaPoliciesPage> {
    return this.model({}, id);
  }

  @Post(':id')
  @Page('admin/sla-policy-edit')
  update(
    @ReaderLanguage() language: Language,
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<SlaPoliciesPage>> {
    return submitForm({
      dto: SlaPolicyDto,
      language,
      body: policyForm(body),
      run: (value) => this.policies.update(context, id, toSlaPolicyInput(value)),
      succeeded: () => redirectTo('/sla-policies'),
      failed: async (failure) => page(await this.model({ ...failure, form: body }, id), { status: 400 }),
    });
  }

  /** The list, or (with `editing`) one policy's form filled in with its current values. */
  private async model(state: Partial<FormState>, editing?: string): Promise<SlaPoliciesPage> {
    const policies = (await this.policies.list()).map((p) => ({
      ...p,
      firstResponseTarget: formatDuration(p.firstResponseMs),
      resolutionTarget: formatDuration(p.resolutionMs),
    }));
    const policy = editing ? policies.find((p) => p.id === editing) : undefined;
    if (editing && !policy) throw new NotFoundException(`No SLA policy ${editing}.`);
    return {
      policies,
      policy,
      calendars: await this.calendars.list(),
      options: { priority: TICKET_PRIORITIES, category: INQUIRY_CATEGORIES, channel: TICKET_CHANNELS },
      form: policy ? { ...policy.conditions, ...policy, position: String(policy.position) } : {},
      errors: {},
      ...state,
    };
  }
}
