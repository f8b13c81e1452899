import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { AuthService } from '@madoguchi/identity';

import { Endpoint } from '../http/endpoint.decorator';
import { Ctx, Public } from './auth.decorators';
import { LoginDto, LoginResponseDto, SecondFactorLoginDto, SecondFactorLoginResponseDto } from './auth.dto';
import type { AuthenticatedRequest } from './auth-request';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Endpoint({
    response: LoginResponseDto,
    summary: 'Sign in; returns a bearer token, or the challenge of the second step when a code is needed',
    errors: {
      400: 'Invalid fields',
      401: 'Wrong e-mail or password',
      429: 'Too many failed attempts (see Retry-After)',
    },
  })
  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Ctx() context: RequestContext, @Body() body: LoginDto): Promise<LoginResponseDto> {
    const step = await this.auth.login(context, body.email, body.password, 'api');
    if (step.step === 'signed-in')
      return { accessToken: step.issued.token, expiresAt: step.issued.expiresAt.toISOString() };
    return {
      secondFactor: {
        challenge: step.challenge,
        expiresAt: step.expiresAt.toISOString(),
        enrolment: step.enrolment,
      },
    };
  }

  @Endpoint({
    response: SecondFactorLoginResponseDto,
    summary: 'The second step of signing in: the challenge and a code from the authenticator app (or a recovery code)',
    errors: {
      400: 'Invalid fields',
      401: 'Wrong or already used code, or the challenge has expired (sign in again)',
      429: 'Too many wrong codes (see Retry-After)',
    },
  })
  @Post('login/second-factor')
  @Public()
  @HttpCode(200)
  async secondFactor(
    @Ctx() context: RequestContext,
    @Body() body: SecondFactorLoginDto,
  ): Promise<SecondFactorLoginResponseDto> {
    const { issued, recoveryCodes } = await this.auth.completeSecondFactor(context, body.challenge, body.code);
    return {
      accessToken: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
      ...(recoveryCodes ? { recoveryCodes } : {}),
    };
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
