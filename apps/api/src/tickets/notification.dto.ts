import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';

import { NOTIFICATION_KINDS, type NotificationKind } from '@madoguchi/tickets';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, description: '`customer-reply` or `assigned` (to you)' })
  kind!: NotificationKind;
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty({ example: 'MD-2026-000301' }) ticketNumber!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ description: 'Who replied (the requester) or assigned it' }) by!: string;
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
