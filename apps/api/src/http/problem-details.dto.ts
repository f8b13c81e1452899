import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldProblemDto {
  @ApiProperty({ example: 'name' }) field!: string;
  @ApiProperty({ type: [String] }) messages!: string[];
}

/** The body of every error response (application/problem+json, RFC 9457). */
export class ProblemResponseDto {
  @ApiProperty({ example: 'https://madoguchi.dev/problems/validation/failed' }) type!: string;
  @ApiProperty({ example: 'Validation failed' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'validation.failed' }) code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({
    type: [FieldProblemDto],
    description: 'On validation problems: what is wrong, field by field',
  })
  errors?: FieldProblemDto[];
}
