import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { CalendarService, SUPPORT_HOURS } from '@madoguchi/business-calendar';
import { Clock, type RequestContext } from '@madoguchi/common';
import { MaintenanceService, ServiceCatalogService } from '@madoguchi/notices';

import { Ctx, RequireRole } from '../../auth/auth.decorators';
import { type Language, translator } from '../../i18n/i18n';
import { MaintenanceRescheduleDto, MaintenanceUpdateDto } from '../../notices/notices.dto';
import { Page, page, type PageResponse, ReaderLanguage, redirectTo } from '../shared/page';
import { type FormState, formValue, freshForm, localInstant, submitForm } from '../shared/web-form';
import { type MaintenanceWindowPage, namesOf, scheduledNoticeLabel } from './notices.page-models';

type FormBody = Record<string, string | string[] | undefined>;

/** The message fields of a form, in the API's shape. */
const messageOf = (body: FormBody) => ({ ja: formValue(body.messageJa) ?? '', en: formValue(body.messageEn) || null });

/**
 * One maintenance window's page: its schedule and delivery, and for managers the forms that move it
 * (under the rules, as if announced now) and that post new text — each e-mailed to its subscribers
 * with the event, its SEQUENCE raised.
 */
@ApiExcludeController()
@Controller('maintenance/:id')
export class MaintenanceWindowPagesController {
  constructor(
    private readonly maintenances: MaintenanceService,
    private readonly services: ServiceCatalogService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequireRole('agent')
  @Page('notices/maintenance-window')
  show(@Param('id', ParseUUIDPipe) id: string, @ReaderLanguage() language: Language): Promise<MaintenanceWindowPage> {
    return this.model(id, freshForm(), null, language);
  }

  @Post('reschedule')
  @RequireRole('manager')
  @Page('notices/maintenance-window')
  async reschedule(
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<MaintenanceWindowPage>> {
    const zone = await this.calendars.timeZone(SUPPORT_HOURS.id);
    return submitForm({
      dto: MaintenanceRescheduleDto,
      language,
      body: {
        startsAt: localInstant(formValue(body.startsAt), zone),
        endsAt: localInstant(formValue(body.endsAt), zone),
        message: messageOf(body),
      },
      run: (value) =>
        this.maintenances.reschedule(context, id, {
          startsAt: new Date(value.startsAt),
          endsAt: new Date(value.endsAt),
          message: value.message,
        }),
      succeeded: () => redirectTo(`/maintenance/${id}`),
      failed: async (failure) =>
        page(await this.model(id, { ...failure, form: body }, 'reschedule', language), { status: 400 }),
    });
  }

  @Post('message')
  @RequireRole('manager')
  @Page('notices/maintenance-window')
  postMessage(
    @Ctx() context: RequestContext,
    @ReaderLanguage() language: Language,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<PageResponse<MaintenanceWindowPage>> {
    return submitForm({
      dto: MaintenanceUpdateDto,
      language,
      body: { message: messageOf(body) },
      run: (value) => this.maintenances.postUpdate(context, id, value.message),
      succeeded: () => redirectTo(`/maintenance/${id}`),
      failed: async (failure) =>
        page(await this.model(id, { ...failure, form: body }, 'message', language), { status: 400 }),
    });
  }

  private async model(
    id: string,
    state: FormState,
    posted: MaintenanceWindowPage['posted'],
    language: Language,
  ): Promise<MaintenanceWindowPage> {
    const [window, services] = await Promise.all([this.maintenances.get(id), this.services.list()]);
    const t = translator(language);
    return {
      window,
      live: !window.cancelledAt && Date.parse(window.endsAt) > this.clock.now(),
      serviceNames: namesOf(services, language),
      scheduleLabels: Object.fromEntries(
        window.schedule.map((notice) => [notice.kind, scheduledNoticeLabel(t, notice.kind)]),
      ),
      posted,
      ...state,
    };
  }
}
