import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import {
  MaintenanceService,
  ServiceCatalogService,
  ServiceChangeService,
  type ServiceEntity,
} from '@madoguchi/notices';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  MaintenanceCancelDto,
  MaintenanceDetailResponseDto,
  MaintenanceDto,
  MaintenanceListResponseDto,
  MaintenanceRescheduleDto,
  MaintenanceResponseDto,
  MaintenanceUpdateDto,
  ServiceChangeDto,
  ServiceChangeListResponseDto,
  ServiceChangeResponseDto,
  ServiceDto,
  ServiceListResponseDto,
  ServiceRenameDto,
  ServiceResponseDto,
} from './notices.dto';

function serviceView({ id, name, nameEn, status, createdAt }: ServiceEntity): ServiceResponseDto {
  return { id, name, nameEn, status, createdAt: createdAt.toISOString() };
}

@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/v1')
export class NoticesController {
  constructor(
    private readonly services: ServiceCatalogService,
    private readonly maintenances: MaintenanceService,
    private readonly serviceChanges: ServiceChangeService,
  ) {}

  @Endpoint({ response: ServiceListResponseDto, summary: 'Services (components) and their status' })
  @Get('services')
  @RequireRole('agent')
  async listServices(): Promise<ServiceListResponseDto> {
    return { items: (await this.services.list()).map(serviceView) };
  }

  @Endpoint({ response: ServiceResponseDto, summary: 'Add a service', errors: { 409: '`service.name-taken`' } })
  @Post('services')
  @RequireRole('manager')
  async createService(@Ctx() context: RequestContext, @Body() body: ServiceDto): Promise<ServiceResponseDto> {
    return serviceView(await this.services.create(context, body.name, body.nameEn));
  }

  @Endpoint({
    response: ServiceResponseDto,
    summary: 'Rename a service, in Japanese or English (`nameEn: null` or empty removes the English name)',
    errors: { 404: '`service.not-found`', 409: '`service.name-taken`' },
  })
  @Patch('services/:id')
  @RequireRole('manager')
  async renameService(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ServiceRenameDto,
  ): Promise<ServiceResponseDto> {
    return serviceView(await this.services.rename(context, id, body));
  }

  @Endpoint({
    response: MaintenanceListResponseDto,
    summary: 'Announced maintenance windows not yet over, earliest first',
  })
  @Get('maintenances')
  @RequireRole('agent')
  async listMaintenances(): Promise<MaintenanceListResponseDto> {
    return { items: await this.maintenances.list() };
  }

  @Endpoint({
    response: MaintenanceResponseDto,
    summary:
      'Announce maintenance: planned needs 6 calendar months’ notice (Asia/Tokyo), emergency a reason; never during support hours',
    errors: { 400: 'Invalid fields or unknown services', 422: 'A notice rule is broken (`rule` names it)' },
  })
  @Post('maintenances')
  @RequireRole('manager')
  announce(@Ctx() context: RequestContext, @Body() body: MaintenanceDto): Promise<MaintenanceResponseDto> {
    return this.maintenances.announce(context, {
      ...body,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
    });
  }

  @Endpoint({
    response: MaintenanceDetailResponseDto,
    summary: 'A maintenance window, its notice schedule and `delivery: {total, sent, pending, failed}`',
    errors: { 404: '`maintenance.not-found`' },
  })
  @Get('maintenances/:id')
  @RequireRole('agent')
  getMaintenance(@Param('id', ParseUUIDPipe) id: string): Promise<MaintenanceDetailResponseDto> {
    return this.maintenances.get(id);
  }

  @Endpoint({
    response: MaintenanceDetailResponseDto,
    summary: 'Change the window’s message and e-mail an update notice',
    errors: {
      404: '`maintenance.not-found`',
      409: '`maintenance.cancelled` or `maintenance.finished`: cancelled or over',
    },
  })
  @Post('maintenances/:id/updates')
  @RequireRole('manager')
  updateMaintenance(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MaintenanceUpdateDto,
  ): Promise<MaintenanceDetailResponseDto> {
    return this.maintenances.postUpdate(context, id, body.message);
  }

  @Endpoint({
    response: MaintenanceDetailResponseDto,
    summary:
      'Move a window that has not started, under the rules as if announced now; subscribers get an update with the new times (.ics SEQUENCE raised) and the reminders follow the new time',
    errors: {
      400: 'Invalid fields',
      404: '`maintenance.not-found`',
      409: '`maintenance.cancelled`, `maintenance.finished` or `maintenance.started`',
      422: 'A rule refuses the new times (`maintenance.notice-too-short`, `…overlaps-support-hours`, `…empty-window`)',
    },
  })
  @Patch('maintenances/:id')
  @RequireRole('manager')
  rescheduleMaintenance(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MaintenanceRescheduleDto,
  ): Promise<MaintenanceDetailResponseDto> {
    return this.maintenances.reschedule(context, id, {
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      message: body.message,
    });
  }

  @Endpoint({
    response: MaintenanceDetailResponseDto,
    summary: 'Cancel the window: pending reminders are dropped, subscribers get a cancellation notice',
    errors: {
      404: '`maintenance.not-found`',
      409: '`maintenance.cancelled` or `maintenance.finished`: cancelled or over',
    },
  })
  @Post('maintenances/:id/cancel')
  @RequireRole('manager')
  cancelMaintenance(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MaintenanceCancelDto,
  ): Promise<MaintenanceDetailResponseDto> {
    return this.maintenances.cancel(context, id, body.reason);
  }

  @Endpoint({
    response: ServiceChangeListResponseDto,
    summary: 'Announced service changes and terminations, by effective date',
  })
  @Get('service-changes')
  @RequireRole('agent')
  async listServiceChanges(): Promise<ServiceChangeListResponseDto> {
    return { items: await this.serviceChanges.list() };
  }

  @Endpoint({
    response: ServiceChangeResponseDto,
    summary: 'Announce a service change or termination: effective at least 3 calendar months later (Asia/Tokyo)',
    errors: { 400: 'Invalid fields', 422: 'Too short a notice (`rule`, `earliestEffectiveAt`)' },
  })
  @Post('service-changes')
  @RequireRole('manager')
  announceServiceChange(
    @Ctx() context: RequestContext,
    @Body() body: ServiceChangeDto,
  ): Promise<ServiceChangeResponseDto> {
    return this.serviceChanges.announce(context, { ...body, effectiveAt: new Date(body.effectiveAt) });
  }
}
