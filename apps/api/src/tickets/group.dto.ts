import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUUID, Length } from 'class-validator';

import { ListOf } from '../http/list.dto';
import { Trim } from '../http/trim.decorator';

export class AgentGroupDto {
  @ApiProperty({ example: '請求チーム' })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ type: [String], description: 'Staff user ids' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  memberIds!: string[];
}

export class AgentGroupResponseDto extends AgentGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class AgentGroupListResponseDto extends ListOf(AgentGroupResponseDto) {}
