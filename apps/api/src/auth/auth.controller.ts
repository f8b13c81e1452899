import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { AuthService } from '@madoguchi/identity';

import { Endpoint } from '../http/endpoint.decorator';
import { Ctx, Public } from './auth.decorators';
import { LoginDto, TokenResponseDto } from './auth.dto';
import type { AuthenticatedRequest } from './auth-request';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Endpoint({
    response: TokenResponseDto,
    summary: 'Sign in; returns a bearer token',
    errors: {
      400: 'Invalid fields',
      401: 'Wrong e-mail or password',
      429: 'Too many failed attempts (see Retry-After)',
    },
  })
  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Ctx() context: RequestContext, @Body() body: LoginDto): Promise<TokenResponseDto> {
    const issued = await this.auth.login(context, body.email, body.password, 'api');
    return { accessToken: issued.token, expiresAt: issued.expiresAt.toISOString() };
  }

  @Endpoint({
    summary: 'Revoke the token (or session) this request is authenticated with',
    errors: { 401: 'Not signed in' },
  })
  @Post('logout')
  @HttpCode(204)
  async logout(@Ctx() context: RequestContext, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.auth.logout(context, request.auth!.tokenId);
  }
}
