import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import {
  INCIDENT_IMPACTS,
  INCIDENT_STATUSES,
  type IncidentImpact,
  type IncidentStatus,
  SERVICE_STATUSES,
  type ServiceStatus,
} from '@madoguchi/notices';

import { ListOf } from '../http/list.dto';
import { Trim } from '../http/trim.decorator';

const ISO = { strict: true, strictSeparator: true };

/** An English version of a name or title: optional, and empty means none. */
function EnglishText(maxLength: number, example: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      example,
      description: 'For English readers of the status page, feeds and notices; none: they read the Japanese',
    }),
    Trim(),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
  );
}

export class ServiceDto {
  @ApiProperty({ example: '管理画面' })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @EnglishText(100, 'Admin console')
  nameEn?: string | null;
}

export class ServiceRenameDto {
  @ApiPropertyOptional({ example: '管理画面' })
  @Trim()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @EnglishText(100, 'Admin console')
  nameEn?: string | null;
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

  @EnglishText(200, 'Database upgrade')
  titleEn?: string | null;

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

  @EnglishText(2000, 'A security fix that cannot wait')
  reasonEn?: string | null;

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

/** New times for an announced window, and the message that tells subscribers why. */
export class MaintenanceRescheduleDto {
  @ApiProperty({ example: '2027-06-12T01:00:00+09:00' })
  @IsISO8601(ISO)
  startsAt!: string;

  @ApiProperty({ example: '2027-06-12T05:00:00+09:00' })
  @IsISO8601(ISO)
  endsAt!: string;

  @ApiProperty({ type: NoticeMessageDto, description: 'Why the window moved, told to subscribers' })
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

  @EnglishText(200, 'End of the old API')
  titleEn?: string | null;

  @ApiProperty({ example: '2027-03-01T00:00:00+09:00' })
  @IsISO8601(ISO)
  effectiveAt!: string;

  @ApiProperty({ type: NoticeMessageDto })
  @ValidateNested()
  @Type(() => NoticeMessageDto)
  message!: NoticeMessageDto;
}

/** A status with its bilingual message: every incident update has one. */
export class IncidentStatusMessageDto {
  @ApiProperty({ enum: INCIDENT_STATUSES })
  @IsIn(INCIDENT_STATUSES)
  status!: IncidentStatus;

  @ApiProperty({ type: NoticeMessageDto })
  @ValidateNested()
  @Type(() => NoticeMessageDto)
  message!: NoticeMessageDto;
}

export class IncidentUpdateDto extends IncidentStatusMessageDto {
  @ApiPropertyOptional({ enum: INCIDENT_IMPACTS, description: 'A changed impact' })
  @IsOptional()
  @IsIn(INCIDENT_IMPACTS)
  impact?: IncidentImpact;
}

// Not an extension of IncidentUpdateDto: its optional `impact` would stay optional here (validation
// metadata is inherited), and a missing impact must be a field error, not a failed insert.
export class IncidentDto extends IntersectionType(IncidentStatusMessageDto, AffectedServicesDto) {
  @ApiProperty({ enum: INCIDENT_IMPACTS })
  @IsIn(INCIDENT_IMPACTS)
  impact!: IncidentImpact;

  @ApiPropertyOptional({ description: 'When it was detected (defaults to now; may be earlier)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  detectedAt?: string;

  @ApiPropertyOptional({ description: 'Keep it unpublished (no status page, no e-mail) until published' })
  @IsOptional()
  @IsBoolean()
  draft?: boolean;
}

export class StatusFeedQuery {
  @ApiPropertyOptional({ enum: ['ja', 'en'], default: 'ja', description: 'The language the feed is read in' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  lang?: 'ja' | 'en';
}

export class IncidentListQuery {
  @ApiPropertyOptional({ description: 'Only unresolved incidents' })
  @IsOptional()
  @IsIn(['true', 'false'])
  open?: 'true' | 'false';
}

export class OrganizationServicesDto {
  @ApiProperty({ type: [String], description: 'Empty: the organization uses every service' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  serviceIds!: string[];
}

export class NoticeRecipientDto {
  @ApiProperty({ example: 'oncall@example.co.jp' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: ['ja', 'en'], default: 'ja' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: 'ja' | 'en';
}

const NULLABLE_INSTANT = { type: String, format: 'date-time', nullable: true } as const;
const ENGLISH = { type: String, nullable: true, description: 'null: Japanese only' } as const;

export class ServiceResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '請求管理' }) name!: string;
  @ApiProperty({ ...ENGLISH, example: 'Billing' }) nameEn!: string | null;
  @ApiProperty({ enum: SERVICE_STATUSES, description: 'As set by a manager (the status page adds incidents)' })
  status!: ServiceStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ServiceListResponseDto extends ListOf(ServiceResponseDto) {}

class BilingualMessageDto {
  @ApiProperty() ja!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: Japanese only' }) en!: string | null;
}

export class MaintenanceResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty(ENGLISH) titleEn!: string | null;
  @ApiProperty({ enum: ['planned', 'emergency'] }) kind!: 'planned' | 'emergency';
  @ApiProperty() emergency!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why an emergency window could not wait' })
  reason!: string | null;
  @ApiProperty(ENGLISH) reasonEn!: string | null;
  @ApiProperty({ type: [String] }) serviceIds!: string[];
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() message!: BilingualMessageDto;
  @ApiProperty({ format: 'date-time', description: 'When it was announced' }) publishedAt!: string;
  @ApiProperty(NULLABLE_INSTANT) cancelledAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'When it was last moved or its text changed' })
  changedAt!: string | null;
}

export class MaintenanceListResponseDto extends ListOf(MaintenanceResponseDto, 'Earliest first') {}

class ScheduledNoticeDto {
  @ApiProperty({ example: 'reminder-7d', description: 'Which notice: an announcement reminder, start or completion' })
  kind!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() sent!: boolean;
  @ApiProperty() cancelled!: boolean;
}

/** Recipients of a notice (or of several together) by where their e-mail stands. */
export class DeliveryProgressDto {
  @ApiProperty() total!: number;
  @ApiProperty() sent!: number;
  @ApiProperty({ description: 'Not yet sent (including deferred by the mail server)' }) pending!: number;
  @ApiProperty({ description: 'Refused permanently' }) failed!: number;
  @ApiProperty({ description: 'Given up after the retry window; resend sends them again' }) gaveUp!: number;
}

export class MaintenanceDetailResponseDto extends MaintenanceResponseDto {
  @ApiProperty({ type: [ScheduledNoticeDto] }) schedule!: ScheduledNoticeDto[];
  @ApiProperty() delivery!: DeliveryProgressDto;
}

export class ServiceChangeResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty(ENGLISH) titleEn!: string | null;
  @ApiProperty({ format: 'date-time' }) effectiveAt!: string;
  @ApiProperty() message!: BilingualMessageDto;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}

export class ServiceChangeListResponseDto extends ListOf(ServiceChangeResponseDto, 'By effective date') {}

class IncidentUpdateViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status!: IncidentStatus;
  @ApiProperty({ enum: INCIDENT_IMPACTS, description: 'The impact in force from this update on' })
  impact!: IncidentImpact;
  @ApiProperty() message!: BilingualMessageDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'null: a draft' }) publishedAt!: string | null;
}

/** An incident as the status page shows it: published updates only. */
export class PublicIncidentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty(ENGLISH) titleEn!: string | null;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'When the published title was last corrected' })
  titleCorrectedAt!: string | null;
  @ApiProperty({ enum: INCIDENT_IMPACTS }) impact!: IncidentImpact;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status!: IncidentStatus;
  @ApiProperty({ type: [String] }) serviceIds!: string[];
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'detectedAt + 1 hour: the published promise' })
  noticeDeadlineAt!: string;
  @ApiProperty(NULLABLE_INSTANT) publishedAt!: string | null;
  @ApiProperty(NULLABLE_INSTANT) resolvedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'From detection to the first published notice' })
  secondsToFirstNotice!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null until published' })
  notifiedWithinDeadline!: boolean | null;
  @ApiProperty({ type: [IncidentUpdateViewDto], description: 'Newest first' }) updates!: IncidentUpdateViewDto[];
}

class MonitoringAlertViewDto {
  @ApiProperty({ example: 'c4a5e3f1b2d6' }) fingerprint!: string;
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ format: 'date-time', description: 'When the monitor saw the problem start' }) startsAt!: string;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'When the monitor saw recovery; null while firing' })
  endsAt!: string | null;
}

class IncidentMonitoringDto {
  @ApiProperty({ type: [MonitoringAlertViewDto], description: 'The alerts that opened or joined it, oldest first' })
  alerts!: MonitoringAlertViewDto[];
  @ApiProperty({
    ...NULLABLE_INSTANT,
    description: 'Every alert resolved: the last one’s end (for a manager to confirm with a resolved update)',
  })
  recoveredAt!: string | null;
}

/** An incident as staff see it: drafts too, how far its e-mail has gone, and what monitoring told. */
export class IncidentResponseDto extends PublicIncidentDto {
  @ApiProperty({ description: 'Not yet published' }) draft!: boolean;
  @ApiProperty() delivery!: DeliveryProgressDto;
  @ApiProperty() monitoring!: IncidentMonitoringDto;
}

export class IncidentListResponseDto extends ListOf(IncidentResponseDto, 'Newest first') {}

class UnnotifiedIncidentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
  @ApiProperty({ format: 'date-time' }) noticeDeadlineAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The highest alarm raised (30 or 45 minutes), or null' })
  alertedAt!: number | null;
}

export class UnnotifiedIncidentListResponseDto extends ListOf(UnnotifiedIncidentDto) {}

class UndeliveredNoticeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When its oldest unfinished notice started going out' })
  sendingSince!: string;
  @ApiProperty({ description: 'Recipients still waiting' }) pending!: number;
}

export class UndeliveredNoticeListResponseDto extends ListOf(UndeliveredNoticeDto) {}

class AvailabilityFigureDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.9999,
    description: '(provided − downtime) / provided; null when nothing was provided (all maintenance, or not yet)',
  })
  value!: number | null;
  @ApiProperty({ description: 'Outage time, partial outages weighted (the KPI definition’s weight)' })
  downtimeSeconds!: number;
  @ApiProperty({ description: 'The period less planned maintenance, up to now' }) providedSeconds!: number;
}

class AvailabilityDayDto extends AvailabilityFigureDto {
  @ApiProperty({ example: '2026-12-01', description: 'A day in the support zone (JST)' }) date!: string;
  @ApiProperty({
    enum: [...INCIDENT_IMPACTS, 'maintenance'],
    nullable: true,
    description: 'The worst impact a published incident had that day; `maintenance` when only maintenance touched it',
  })
  worstImpact!: IncidentImpact | 'maintenance' | null;
}

class ServiceAvailabilityDto {
  @ApiProperty() last90Days!: AvailabilityFigureDto;
  @ApiProperty({ type: [AvailabilityDayDto], description: 'The last 90 days, today (so far) last' })
  days!: AvailabilityDayDto[];
}

class ServiceStatusDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty(ENGLISH) nameEn!: string | null;
  @ApiProperty({ enum: SERVICE_STATUSES, description: 'The worst of its setting, open incidents and maintenance' })
  status!: ServiceStatus;
  @ApiProperty({ description: 'Service availability (稼働率), as the disclosure computes it' })
  availability!: ServiceAvailabilityDto;
}

class StatusHistoryDto {
  @ApiProperty({ example: 90 }) days!: number;
  @ApiProperty({ type: [PublicIncidentDto], description: 'Resolved' }) incidents!: PublicIncidentDto[];
  @ApiProperty({ type: [MaintenanceResponseDto], description: 'Over or cancelled' })
  maintenance!: MaintenanceResponseDto[];
}

export class StatusResponseDto {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ enum: SERVICE_STATUSES, description: 'The worst state any service is in now (the page’s banner)' })
  overall!: ServiceStatus;
  @ApiProperty({ type: [ServiceStatusDto] }) services!: ServiceStatusDto[];
  @ApiProperty({ type: [PublicIncidentDto] }) openIncidents!: PublicIncidentDto[];
  @ApiProperty({ type: [MaintenanceResponseDto] }) maintenanceInProgress!: MaintenanceResponseDto[];
  @ApiProperty({ type: [MaintenanceResponseDto] }) upcomingMaintenance!: MaintenanceResponseDto[];
  @ApiProperty({
    type: [ServiceChangeResponseDto],
    description: 'Announced changes still to take effect, soonest first',
  })
  upcomingServiceChanges!: ServiceChangeResponseDto[];
  @ApiProperty() history!: StatusHistoryDto;
}

export class OrganizationServicesResponseDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ description: 'Not narrowed: it uses every service' }) allServices!: boolean;
  @ApiProperty({ type: [String] }) serviceIds!: string[];
}

export class NoticeRecipientResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['ja', 'en'] }) language!: string;
}

export class NoticeRecipientListResponseDto extends ListOf(NoticeRecipientResponseDto) {}

class QuarantinedAddressDto {
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'The mail server’s refusal' }) reason!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) noticeId!: string | null;
  @ApiProperty({ format: 'date-time' }) quarantinedAt!: string;
}

export class QuarantineListResponseDto extends ListOf(QuarantinedAddressDto) {}

class MonitoringIncidentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'The earliest alert’s startsAt: the 1-hour clock runs from it' })
  detectedAt!: string;
  @ApiProperty({ description: 'This delivery opened the (draft) incident; false: it joined one or was a repeat' })
  created!: boolean;
}

export class MonitoringAlertsResponseDto {
  @ApiProperty({ type: [MonitoringIncidentDto], description: 'One per incident the alerts touched' })
  incidents!: MonitoringIncidentDto[];
}

/** A request for the status notices by e-mail (anyone; double opt-in). */
export class StatusSubscriptionDto {
  @ApiProperty({ example: 'ops@sakura.example.jp' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ type: [String], description: 'The services to follow; none or empty: all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  serviceIds?: string[];

  @ApiPropertyOptional({ enum: ['ja', 'en'], default: 'ja' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: 'ja' | 'en';
}

export class StatusSubscriptionAcceptedDto {
  @ApiProperty({ example: 48, description: 'How long the confirmation link works, in hours (if a mail went out)' })
  linkValidHours!: number;
}

/** The `token` of a confirmation mail's link. */
export class StatusSubscriptionConfirmationDto {
  @ApiProperty({ description: 'The last part of the confirmation link' })
  @IsString()
  @Length(1, 100)
  token!: string;
}

export class StatusSubscriptionResponseDto {
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['ja', 'en'] }) language!: 'ja' | 'en';
  @ApiProperty({ type: [String], description: 'Empty: every service' }) serviceIds!: string[];
  @ApiProperty() confirmed!: boolean;
}

export class PreviewMailDto {
  @ApiProperty() subject!: string;
  @ApiProperty({ description: 'The plain-text body, as sent' }) text!: string;
}

export class NoticePreviewDto {
  @ApiProperty() updateId!: string;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status!: IncidentStatus;
  @ApiProperty({ type: PreviewMailDto }) ja!: PreviewMailDto;
  @ApiProperty({ type: PreviewMailDto }) en!: PreviewMailDto;
}

export class NoticePreviewResponseDto {
  @ApiProperty({ description: 'Addresses the notices would go to now (contacts, extra addresses, subscribers)' })
  recipients!: number;

  @ApiProperty({
    type: [NoticePreviewDto],
    description: 'One per unpublished update, oldest first (sent in this order)',
  })
  notices!: NoticePreviewDto[];
}

/** A corrected title (the English one too: absent or null leaves none). */
export class IncidentTitleDto {
  @ApiProperty({ example: '管理コンソールにログインできない' })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @EnglishText(200, 'Cannot sign in to the admin console')
  titleEn?: string | null;
}
