import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

import { type Role, ROLES } from '@madoguchi/common';
import type { OrganizationEntity, UserEntity } from '@madoguchi/identity';

import { ListOf } from '../http/list.dto';
import { Trim } from '../http/trim.decorator';

export class CreateOrganizationDto {
  @ApiProperty({ example: '株式会社さくら商事' })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'SAKURA', description: 'Short unique code (letters, digits, - and _)' })
  @Trim()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,50}$/, { context: { rule: 'code' } })
  code?: string;
}

/** Any field of the creation form, plus `active: false` to deactivate (organizations are never deleted). */
export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {
  @ApiPropertyOptional({ description: 'false deactivates (organizations are never deleted)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateUserDto {
  @ApiProperty({ example: 'yamada@sakura.example.jp' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: '山田 花子' })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ minLength: 12, description: 'Leave out with `invite: true`: the user sets their own' })
  @IsOptional()
  @IsString()
  password?: string;

  @ApiPropertyOptional({ description: 'E-mail an invitation with a single-use link to set a password (7 days)' })
  @IsOptional()
  @IsBoolean()
  invite?: boolean;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'Required for role customer; not allowed for staff' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: ['ja', 'en'], default: 'ja' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: 'ja' | 'en';
}

/** Any field of the creation form but the e-mail address, plus `active: false` to deactivate. */
export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['email', 'invite'] as const)) {
  @ApiPropertyOptional({ description: 'false deactivates and signs the user out everywhere' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class OrganizationResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '株式会社さくら商事' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'sakura' }) code!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class OrganizationListResponseDto extends ListOf(OrganizationResponseDto) {}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Customers only' })
  organizationId!: string | null;
  @ApiProperty({ enum: ['ja', 'en'] }) language!: 'ja' | 'en';
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'false: invited, no password set yet' }) passwordSet!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class UserListResponseDto extends ListOf(UserResponseDto) {}

export function organizationView(o: OrganizationEntity): OrganizationResponseDto {
  return {
    id: o.id,
    name: o.name,
    code: o.code,
    active: o.active,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function userView(u: UserEntity): UserResponseDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organizationId: u.organizationId,
    language: u.language,
    active: u.active,
    passwordSet: u.passwordHash !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'Your password now' })
  @IsString()
  @Length(1, 1000)
  currentPassword!: string;

  @ApiProperty({ description: 'The new password (the password policy applies)' })
  @IsString()
  @Length(1, 1000)
  newPassword!: string;
}

export class OwnSettingsDto {
  @ApiPropertyOptional({ enum: ['ja', 'en'], description: 'The language of your pages and e-mails' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: 'ja' | 'en';
}

export class InvitationSentResponseDto {
  @ApiProperty({ description: 'How long the new link works', example: 7 })
  linkValidDays!: number;
}
