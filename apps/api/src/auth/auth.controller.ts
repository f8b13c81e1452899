import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import {
  ACCOUNT_LINK_LIFETIME_MS,
  AccountLinkService,
  AuthService,
  passwordResetRateLimited,
} from '@madoguchi/identity';

import { Endpoint } from '../http/endpoint.decorator';
import { PasswordResetRateLimiter } from '../http/rate-limiter';
import { Ctx, Public } from './auth.decorators';
import {
  AccountLinkCompletionDto,
  LoginDto,
  LoginResponseDto,
  PasswordResetAcceptedDto,
  PasswordResetRequestDto,
  SecondFactorLoginDto,
  SecondFactorLoginResponseDto,
} from './auth.dto';
import type { AuthenticatedRequest } from './auth-request';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly links: AccountLinkService,
    private readonly resetLimiter: PasswordResetRateLimiter,
  ) {}

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
    response: PasswordResetAcceptedDto,
    summary:
      'Ask for a password-reset e-mail: 202 whether or not the address has an account (the mail, sent only to an active account and a few times an hour, links to `/account/reset?token=…`, valid once for 1 hour)',
    errors: { 400: 'Invalid fields', 429: 'Too many requests from this address (see Retry-After)' },
  })
  @Post('password-resets')
  @Public()
  @HttpCode(202)
  async requestPasswordReset(
    @Ctx() context: RequestContext,
    @Req() request: AuthenticatedRequest,
    @Body() body: PasswordResetRequestDto,
  ): Promise<PasswordResetAcceptedDto> {
    const retryAfterSeconds = this.resetLimiter.hit(request.ip);
    if (retryAfterSeconds > 0) throw passwordResetRateLimited(retryAfterSeconds);
    await this.links.requestPasswordReset(context, body.email);
    return { linkValidMinutes: ACCOUNT_LINK_LIFETIME_MS['password-reset'] / 60_000 };
  }

  @Endpoint({
    summary: 'Set a new password with the token of a reset e-mail; every session of the account ends',
    errors: { 400: 'Invalid fields, a refused password, or a used or expired token (`field: token`)' },
  })
  @Post('password-resets/complete')
  @Public()
  @HttpCode(204)
  async completePasswordReset(@Ctx() context: RequestContext, @Body() body: AccountLinkCompletionDto): Promise<void> {
    await this.links.complete(context, 'password-reset', body.token, body.password);
  }

  @Endpoint({
    summary: 'Accept an invitation: set the first password with the token of the invitation e-mail',
    errors: { 400: 'Invalid fields, a refused password, or a used or expired token (`field: token`)' },
  })
  @Post('invitations/complete')
  @Public()
  @HttpCode(204)
  async completeInvitation(@Ctx() context: RequestContext, @Body() body: AccountLinkCompletionDto): Promise<void> {
    await this.links.complete(context, 'invitation', body.token, body.password);
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
