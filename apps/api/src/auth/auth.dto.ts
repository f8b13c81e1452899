import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'agent@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class EnrolmentDto {
  @ApiProperty({ description: 'The TOTP secret in base32, for typing into an authenticator app' }) secret!: string;
  @ApiProperty({ description: 'The otpauth:// URI, for a QR code' }) otpauthUri!: string;
}

export class SecondFactorChallengeDto {
  @ApiProperty({ description: 'Send with a code to `POST /api/v1/auth/login/second-factor`' }) challenge!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({
    type: EnrolmentDto,
    nullable: true,
    description: 'Set when the role requires a second factor that is not set up yet: scan it, then send its first code',
  })
  enrolment!: EnrolmentDto | null;
}

export class LoginResponseDto {
  @ApiPropertyOptional({ description: 'Send as `Authorization: Bearer <accessToken>` (absent when a code is needed)' })
  accessToken?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  expiresAt?: string;

  @ApiPropertyOptional({ type: SecondFactorChallengeDto, description: 'A code is needed: the second step' })
  secondFactor?: SecondFactorChallengeDto;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class SecondFactorLoginDto {
  @ApiProperty()
  @IsString()
  @MaxLength(100)
  challenge!: string;

  @ApiProperty({ description: 'The 6 digits the authenticator app shows, or a recovery code', example: '123456' })
  @IsString()
  @Length(6, 20)
  code!: string;
}

export class SecondFactorLoginResponseDto extends TokenResponseDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'Only when this sign-in confirmed the enrolment: single-use recovery codes, shown this once',
  })
  recoveryCodes?: string[];
}

export class SecondFactorCodeDto {
  @ApiProperty({ description: 'The 6 digits the authenticator app shows (or, to remove the factor, a recovery code)' })
  @IsString()
  @Length(6, 20)
  code!: string;
}

export class SecondFactorStatusDto {
  @ApiProperty() enrolled!: boolean;
  @ApiProperty({ description: 'Whether this role must sign in with a second factor (SECOND_FACTOR_REQUIRED)' })
  required!: boolean;
  @ApiProperty() recoveryCodesLeft!: number;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Single-use recovery codes, shown this once' }) recoveryCodes!: string[];
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'yamada@sakura.example.jp' })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

/** A link's token and the password its holder chose (a reset or an invitation). */
export class AccountLinkCompletionDto {
  @ApiProperty({ description: 'The `token` of the link in the e-mail' })
  @IsString()
  @Length(1, 100)
  token!: string;

  @ApiProperty({ minLength: 12, description: 'At least 12 characters, not a common password, not the e-mail address' })
  @IsString()
  @MaxLength(256)
  password!: string;
}

/** The same answer whether or not the address has an account. */
export class PasswordResetAcceptedDto {
  @ApiProperty({ example: 60, description: 'How long a reset link works, in minutes (if a mail went out)' })
  linkValidMinutes!: number;
}
