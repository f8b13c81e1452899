import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { StatusSubscriptionService, SUBSCRIPTION_LINK_VALID_MS, subscriptionRateLimited } from '@madoguchi/notices';

import { Public } from '../auth/auth.decorators';
import { type AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { Endpoint } from '../http/endpoint.decorator';
import { type FixedWindowRateLimiter, SubscriptionRateLimiter } from '../http/rate-limiter';
import {
  StatusSubscriptionAcceptedDto,
  StatusSubscriptionConfirmationDto,
  StatusSubscriptionDto,
  StatusSubscriptionResponseDto,
} from './notices.dto';

/** Shared by the API and the status page's form: the per-address limit, then the request. */
export async function requestSubscription(
  subscriptions: StatusSubscriptionService,
  limiter: FixedWindowRateLimiter,
  request: AuthenticatedRequest,
  body: StatusSubscriptionDto,
): Promise<StatusSubscriptionAcceptedDto> {
  const retryAfterSeconds = limiter.hit(request.ip);
  if (retryAfterSeconds > 0) throw subscriptionRateLimited(retryAfterSeconds);
  await subscriptions.subscribe(requestContextOf(request), {
    email: body.email,
    language: body.language ?? 'ja',
    serviceIds: body.serviceIds ?? [],
  });
  return { linkValidHours: SUBSCRIPTION_LINK_VALID_MS / 3_600_000 };
}

/**
 * Status notices by e-mail for anyone, with double opt-in. The one-click unsubscribe link every
 * subscriber's notice carries (RFC 8058) is `POST /status/unsubscribe/{token}`.
 */
@ApiTags('status')
@Public()
@Controller('api/v1/status/subscriptions')
export class StatusSubscriptionsController {
  constructor(
    private readonly subscriptions: StatusSubscriptionService,
    private readonly limiter: SubscriptionRateLimiter,
  ) {}

  @Endpoint({
    response: StatusSubscriptionAcceptedDto,
    summary:
      'Ask for the status notices by e-mail: a confirmation link is mailed; nothing is sent before it is followed',
    description:
      'The same answer whether or not the address was known. One confirmation mail per address per 10 minutes; ' +
      'a new request for a confirmed address changes its services or language once confirmed.',
    errors: { 400: 'Invalid fields, or unknown services (`serviceIds`)', 429: '`subscription.rate-limited`' },
  })
  @Post()
  @HttpCode(202)
  subscribe(
    @Req() request: AuthenticatedRequest,
    @Body() body: StatusSubscriptionDto,
  ): Promise<StatusSubscriptionAcceptedDto> {
    return requestSubscription(this.subscriptions, this.limiter, request, body);
  }

  @Endpoint({
    response: StatusSubscriptionResponseDto,
    summary: 'Confirm a subscription with the token of its confirmation link: notices go to the address from now on',
    errors: { 404: '`subscription.link-invalid`: unknown, used or expired' },
  })
  @Post('confirm')
  @HttpCode(200)
  confirm(
    @Req() request: AuthenticatedRequest,
    @Body() body: StatusSubscriptionConfirmationDto,
  ): Promise<StatusSubscriptionResponseDto> {
    return this.subscriptions.confirm(requestContextOf(request), body.token);
  }
}
