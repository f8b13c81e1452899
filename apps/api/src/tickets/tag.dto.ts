import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

import { MAX_TAG_LENGTH } from '@madoguchi/tickets';

import { ListOf } from '../http/list.dto';
import { SingleLine, Trim } from '../http/trim.decorator';

export class TagDto {
  @ApiProperty({ example: '請求', description: 'Full-width letters and spaces are folded; no commas' })
  @Trim()
  @IsString()
  @Length(1, MAX_TAG_LENGTH)
  @SingleLine()
  name!: string;
}

export class TagResponseDto extends TagDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class TagListResponseDto extends ListOf(TagResponseDto) {}
