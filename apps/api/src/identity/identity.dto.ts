import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

import { type Role, ROLES } from '@madoguchi/common';
import type { OrganizationEntity, UserEntity } from '@madoguchi/identity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOrganizationDto {
  @ApiProperty({ example: '株式会社さくら商事' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'SAKURA', description: 'Short unique code (letters, digits, - and _)' })
  @Transform(trim)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,50}$/, { message: 'code may hold up to 50 letters, digits, - and _' })
  code?: string;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional()
  @Transform(trim)
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @Transform(trim)
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @Matches(/^[A-Za-z0-9_-]{1,50}$/, { message: 'code may hold up to 50 letters, digits, - and _' })
  code?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates (organizations are never deleted)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateUserDto {
  @ApiProperty({ example: 'yamada@sakura.example.jp' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: '山田 花子' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  password!: string;

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

export class UpdateUserDto {
  @ApiPropertyOptional()
  @Transform(trim)
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  organizationId?: string | null;

  @ApiPropertyOptional({ enum: ['ja', 'en'] })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: 'ja' | 'en';

  @ApiPropertyOptional({ description: 'false deactivates and signs the user out everywhere' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 12 })
  @IsOptional()
  @IsString()
  password?: string;
}

export function organizationView(o: OrganizationEntity) {
  return {
    id: o.id,
    name: o.name,
    code: o.code,
    active: o.active,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function userView(u: UserEntity) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organizationId: u.organizationId,
    language: u.language,
    active: u.active,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
