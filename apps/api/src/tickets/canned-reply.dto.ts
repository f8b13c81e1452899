import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

import { ListOf } from '../http/list.dto';
import { Trim } from '../http/trim.decorator';

export class CannedReplyDto {
  @ApiProperty({ example: 'パスワード再設定の案内' })
  @Trim()
  @IsString()
  @Length(1, 100)
  title!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 20_000)
  body!: string;
}

export class CannedReplyResponseDto extends CannedReplyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class CannedReplyListResponseDto extends ListOf(CannedReplyResponseDto) {}
