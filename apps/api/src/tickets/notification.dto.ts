import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsUUID, ValidateNested } from 'class-validator';

import { NOTIFICATION_KINDS, type NotificationKind } from '@madoguchi/tickets';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: NOTIFICATION_KINDS,
    description:
      '`customer-reply`, `assigned` (to you), `sla-warning` or `sla-breach` (a target about to be missed, or missed)',
  })
  kind!: NotificationKind;
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty({ example: 'MD-2026-000301' }) ticketNumber!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ description: 'Who replied (the requester) or assigned it; empty for SLA alerts' }) by!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() read!: boolean;
}

export class NotificationListResponseDto {
  @ApiProperty({ type: [NotificationDto], description: 'Newest first (the 50 newest)' }) items!: NotificationDto[];
  @ApiProperty({ description: 'Unread notifications in all' }) unread!: number;
}

export class NotificationReadDto {
  @ApiProperty({ type: [String], description: 'Your notifications to mark read (others are ignored)' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids!: string[];
}

/** Which notifications come by e-mail too (the desk's list has them all). */
export class NotificationMailDto {
  @ApiProperty({ required: false, description: 'A customer replied on your ticket' })
  @IsOptional()
  @IsBoolean()
  'customer-reply'?: boolean;

  @ApiProperty({ required: false, description: 'A ticket was assigned to you' })
  @IsOptional()
  @IsBoolean()
  assigned?: boolean;

  @ApiProperty({ required: false, description: 'SLA targets about to be missed (one digest e-mail per scan)' })
  @IsOptional()
  @IsBoolean()
  'sla-warning'?: boolean;

  @ApiProperty({ required: false, description: 'SLA targets missed (one digest e-mail per scan)' })
  @IsOptional()
  @IsBoolean()
  'sla-breach'?: boolean;
}

export class NotificationSettingsDto {
  @ApiProperty({ type: NotificationMailDto })
  @ValidateNested()
  @Type(() => NotificationMailDto)
  mail!: NotificationMailDto;
}

export class NotificationSettingsResponseDto {
  @ApiProperty({ type: NotificationMailDto, description: 'true: sent by e-mail too' })
  mail!: Record<NotificationKind, boolean>;
}
