import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const CHECKS = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { status: { type: 'string' } }, additionalProperties: true },
  description: 'Each check by name (database, queue, mail) with its status and what it measured',
} as const;

/** Terminus's answer: the overall status and each check's result. */
export class HealthResponseDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiPropertyOptional(CHECKS) info?: Record<string, unknown>;
  @ApiPropertyOptional(CHECKS) error?: Record<string, unknown>;
  @ApiProperty(CHECKS) details!: Record<string, unknown>;
}

export class LivenessResponseDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}
