import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';

import type { RequestContext } from '@madoguchi/common';
import { AuthService } from '@madoguchi/identity';

import { Endpoint } from '../http/endpoint.decorator';
import { Ctx, Public } from './auth.decorators';
import type { AuthenticatedRequest } from './auth-request';

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

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @Endpoint({
    summary: 'Sign in; returns a bearer token',
    errors: {
      400: 'Invalid fields',
      401: 'Wrong e-mail or password',
      429: 'Too many failed attempts (see Retry-After)',
    },
  })
  async login(@Ctx() context: RequestContext, @Body() body: LoginDto) {
    const issued = await this.auth.login(context, body.email, body.password, 'api');
    return { accessToken: issued.token, expiresAt: issued.expiresAt.toISOString() };
  }

  @Post('logout')
  @HttpCode(204)
  @Endpoint({
    summary: 'Revoke the token (or session) this request is authenticated with',
    errors: { 401: 'Not signed in' },
  })
  async logout(@Ctx() context: RequestContext, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.auth.logout(context, request.auth!.tokenId);
  }
}
