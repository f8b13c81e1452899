import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

import { ListOf } from '../http/list.dto';

export class ResendMailDto {
  @ApiPropertyOptional({ description: 'The messages to send again (all given-up ones when absent)', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  dedupKeys?: string[];
}

class MailBacklogDto {
  @ApiProperty({ description: 'Messages not yet sent' }) pending!: number;
  @ApiProperty({ description: 'How long the oldest pending message has waited' }) oldestAgeSeconds!: number;
  @ApiProperty({ description: 'Messages given up after the retry window' }) gaveUp!: number;
}

class GivenUpMailDto {
  @ApiProperty({ description: 'Pass to resend to send this one again' }) dedupKey!: string;
  @ApiProperty({ type: [String] }) to!: string[];
  @ApiProperty() subject!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The mail server’s last reply' })
  lastResponse!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class MailOutboxResponseDto {
  @ApiProperty() backlog!: MailBacklogDto;
  @ApiProperty({ type: [GivenUpMailDto], description: 'The 100 most recent, newest first' })
  givenUp!: GivenUpMailDto[];
}

export class MailResendResponseDto {
  @ApiProperty() resent!: number;
  @ApiProperty({ type: [String] }) dedupKeys!: string[];
}

class QueueCountsDto {
  @ApiProperty() waiting!: number;
  @ApiProperty() delayed!: number;
  @ApiProperty() active!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
}

class FailedJobDto {
  @ApiProperty() id!: string;
  @ApiProperty() queue!: string;
  @ApiProperty({ example: 'send' }) name!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The job’s payload' }) data!: unknown;
  @ApiProperty() attemptsMade!: number;
  @ApiProperty() failedReason!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt!: string | null;
}

class QueueOverviewDto {
  @ApiProperty({ example: 'mail' }) queue!: string;
  @ApiProperty() counts!: QueueCountsDto;
  @ApiProperty({ type: [FailedJobDto], description: 'The 20 most recent' }) failed!: FailedJobDto[];
}

export class QueueOverviewResponseDto extends ListOf(QueueOverviewDto) {}
