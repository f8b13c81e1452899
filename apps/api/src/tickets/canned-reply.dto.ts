import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';

import { ListOf } from '../http/list.dto';
import { Trim } from '../http/trim.decorator';

export class CannedReplyDto {
  @ApiProperty({ example: 'パスワード再設定の案内' })
  @Trim()
  @IsString()
  @Length(1, 100)
  title!: string;

  @ApiProperty({
    description:
      'The text. `{{requester.name}}`, `{{ticket.number}}`, `{{ticket.subject}}` and `{{agent.name}}` are filled in when the reply is inserted on a ticket; any other `{{…}}` is refused (400, rule `canned-reply.placeholder`).',
    example: '{{requester.name}} 様\n\nお問い合わせ {{ticket.number}} について、',
  })
  @IsString()
  @Length(1, 20_000)
  body!: string;
}

export class NewCannedReplyDto extends CannedReplyDto {
  @ApiPropertyOptional({
    description: 'A reply of your own, which only you see; without it the reply is shared (managers and admins only).',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  personal?: boolean;
}

export class CannedReplyResponseDto extends CannedReplyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Yours alone (else shared by the desk)' }) personal!: boolean;
  @ApiProperty({ description: 'Whether you may change and delete it' }) editable!: boolean;
}

export class CannedReplyListResponseDto extends ListOf(CannedReplyResponseDto) {}
