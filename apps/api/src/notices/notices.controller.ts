import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import type { RequestContext } from '@madoguchi/common';
import { MaintenanceService, ServiceCatalogService, ServiceChangeService } from '@madoguchi/notices';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { Trim } from '../http/trim.decorator';

const ISO = { strict: true, strictSeparator: true };

export class ServiceDto {
  @ApiProperty({ example: '管理画面' })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;
}

export class NoticeMessageDto {
  @ApiProperty({ example: 'データベースの更新のため、サービスを停止します。' })
  @IsString()
  @Length(1, 10_000)
  ja!: string;

  @ApiPropertyOptional({ example: 'The service stops for a database upgrade.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  en?: string;
}

/** What an incident or a maintenance window is called and which services it touches. */
export class AffectedServicesDto {
  @ApiProperty({ example: 'データベース更新' })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  serviceIds!: string[];
}

export class MaintenanceDto extends AffectedServicesDto {
  @ApiProperty({ example: '2027-06-05T01:00:00+09:00' })
  @IsISO8601(ISO)
  startsAt!: string;

  @ApiProperty({ example: '2027-06-05T05:00:00+09:00' })
  @IsISO8601(ISO)
  endsAt!: string;

  @ApiProperty({ enum: ['planned', 'emergency'] })
  @IsIn(['planned', 'emergency'])
  kind!: 'planned' | 'emergency';

  @ApiPropertyOptional({ description: 'Required for emergency maintenance' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiProperty({ type: NoticeMessageDto })
  @ValidateNested()
  @Type(() => NoticeMessageDto)
  message!: NoticeMessageDto;
}

export class MaintenanceUpdateDto {
  @ApiProperty({ type: NoticeMessageDto })
  @ValidateNested()
  @Type(() => NoticeMessageDto)
  message!: NoticeMessageDto;
}

export class MaintenanceCancelDto {
  @ApiProperty({ type: NoticeMessageDto, description: 'Why it is cancelled, told to subscribers' })
  @ValidateNested()
  @Type(() => NoticeMessageDto)
  reason!: NoticeMessageDto;
}

export class ServiceChangeDto {
  @ApiProperty({ example: '旧 API の提供終了' })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: '2027-03-01T00:00:00+09:00' })
  @IsISO8601(ISO)
  effectiveAt!: string;

  @ApiProperty({ type: NoticeMessageDto })
  @ValidateNested()
  @Type(() => NoticeMessageDto)
  message!: NoticeMessageDto;
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

  @Get('services')
  @RequireRole('agent')
  @Endpoint({ summary: 'Services (components) and their status' })
  async listServices() {
    return { items: await this.services.list() };
  }

  @Post('services')
  @RequireRole('manager')
  @Endpoint({ summary: 'Add a service', errors: { 409: '`service.name-taken`' } })
  createService(@Ctx() context: RequestContext, @Body() body: ServiceDto) {
    return this.services.create(context, body.name);
  }

  @Get('maintenances')
  @RequireRole('agent')
  @Endpoint({ summary: 'Announced maintenance windows not yet over, earliest first' })
  async listMaintenances() {
    return { items: await this.maintenances.list() };
  }

  @Post('maintenances')
  @RequireRole('manager')
  @Endpoint({
    summary:
      'Announce maintenance: planned needs 6 calendar months’ notice (Asia/Tokyo), emergency a reason; never during support hours',
    errors: { 400: 'Invalid fields or unknown services', 422: 'A notice rule is broken (`rule` names it)' },
  })
  announce(@Ctx() context: RequestContext, @Body() body: MaintenanceDto) {
    return this.maintenances.announce(context, {
      ...body,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
    });
  }

  @Get('maintenances/:id')
  @RequireRole('agent')
  @Endpoint({
    summary: 'A maintenance window, its notice schedule and `delivery: {total, sent, pending, failed}`',
    errors: { 404: '`maintenance.not-found`' },
  })
  getMaintenance(@Param('id', ParseUUIDPipe) id: string) {
    return this.maintenances.get(id);
  }

  @Post('maintenances/:id/updates')
  @RequireRole('manager')
  @Endpoint({
    summary: 'Change the window’s message and e-mail an update notice',
    errors: {
      404: '`maintenance.not-found`',
      409: '`maintenance.cancelled` or `maintenance.finished`: cancelled or over',
    },
  })
  updateMaintenance(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MaintenanceUpdateDto,
  ) {
    return this.maintenances.postUpdate(context, id, body.message);
  }

  @Post('maintenances/:id/cancel')
  @RequireRole('manager')
  @Endpoint({
    summary: 'Cancel the window: pending reminders are dropped, subscribers get a cancellation notice',
    errors: {
      404: '`maintenance.not-found`',
      409: '`maintenance.cancelled` or `maintenance.finished`: cancelled or over',
    },
  })
  cancelMaintenance(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MaintenanceCancelDto,
  ) {
    return this.maintenances.cancel(context, id, body.reason);
  }

  @Get('service-changes')
  @RequireRole('agent')
  @Endpoint({ summary: 'Announced service changes and terminations, by effective date' })
  async listServiceChanges() {
    return { items: await this.serviceChanges.list() };
  }

  @Post('service-changes')
  @RequireRole('manager')
  @Endpoint({
    summary: 'Announce a service change or termination: effective at least 3 calendar months later (Asia/Tokyo)',
    errors: { 400: 'Invalid fields', 422: 'Too short a notice (`rule`, `earliestEffectiveAt`)' },
  })
  announceServiceChange(@Ctx() context: RequestContext, @Body() body: ServiceChangeDto) {
    return this.serviceChanges.announce(context, { ...body, effectiveAt: new Date(body.effectiveAt) });
  }
}
