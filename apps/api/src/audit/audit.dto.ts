import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

import type { AuditEntry, AuditFilter } from '@madoguchi/audit';

import { CursorPageOf } from '../http/list.dto';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'auth.login.failed' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'organization' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(254)
  targetId?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, exclusive' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class AuditPageQueryDto extends AuditQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[0-9]{1,19}$/)
  cursor?: string;
}

export class AuditEventResponseDto {
  @ApiProperty({ example: '1042', description: 'Its sequence number (a bigint, as a string)' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail!: string | null;
  @ApiProperty({ example: 'auth.login.failed' }) action!: string;
  @ApiProperty({ type: String, nullable: true, example: 'ticket' }) targetType!: string | null;
  @ApiProperty({ type: String, nullable: true }) targetId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What changed, by action' })
  summary!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Position in the hash chain; null until sealed' })
  chainSeq!: string | null;
  @ApiProperty({ type: String, nullable: true }) hash!: string | null;
}

export class AuditEventPageResponseDto extends CursorPageOf(AuditEventResponseDto) {}

export function auditFilterOf(query: AuditQueryDto): AuditFilter {
  return {
    action: query.action,
    actorId: query.actorId,
    targetType: query.targetType,
    targetId: query.targetId,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
}

export function auditEventView(entry: AuditEntry): AuditEventResponseDto {
  return {
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    summary: entry.summary,
    ip: entry.ip,
    userAgent: entry.userAgent,
    requestId: entry.requestId,
    chainSeq: entry.chainSeq,
    hash: entry.hash,
  };
}
