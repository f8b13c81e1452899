import { Controller, Headers, NotFoundException, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { bearerToken, secretMatches, ValidationFailedError } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { InboundMailService } from '@madoguchi/tickets';

import { Public } from '../auth/auth.decorators';
import { type AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import { Endpoint } from '../http/endpoint.decorator';
import { InboundMailResponseDto } from './ticket.dto';

/** Raw messages are read whole up to this size (attachments included; they are not kept). */
export const INBOUND_MAIL_LIMIT = 25 * 1024 * 1024;
export const INBOUND_MAIL_TYPE = 'message/rfc822';

/**
 * Where the mail server (a Postfix pipe, a provider's raw-MIME webhook) hands over e-mail sent to
 * the desk's address. Authenticated by the INBOUND_MAIL_TOKEN shared secret, not by a user.
 */
@ApiTags('inbound mail')
@Controller('api/v1/inbound-mail')
export class InboundMailController {
  constructor(
    private readonly inbound: InboundMailService,
    private readonly config: AppConfig,
  ) {}

  @Endpoint({
    response: InboundMailResponseDto,
    alsoAnswers: { 200: 'Ignored: automatic mail (the body says why)' },
    summary:
      'Receive one e-mail (raw RFC 5322): a reply joins its ticket, a new message opens an email ticket; ' +
      'automatic mail is ignored. Send `Authorization: Bearer <INBOUND_MAIL_TOKEN>`.',
    errors: {
      400: 'Not a message/rfc822 body, or no sender address',
      401: 'Wrong or missing token',
      404: 'Inbound mail is not configured (INBOUND_MAIL_TOKEN unset)',
    },
  })
  @Post()
  @Public()
  @ApiConsumes(INBOUND_MAIL_TYPE)
  async receive(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('authorization') authorization?: string,
  ): Promise<InboundMailResponseDto> {
    const secret = this.config.INBOUND_MAIL_TOKEN;
    if (!secret) throw new NotFoundException('Inbound mail is not configured on this server.');
    if (!secretMatches(bearerToken(authorization), secret)) {
      throw new UnauthorizedException('Send the inbound mail token: Authorization: Bearer <INBOUND_MAIL_TOKEN>.');
    }
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new ValidationFailedError([
        { field: 'body', messages: [`send the raw message with Content-Type: ${INBOUND_MAIL_TYPE}`] },
      ]);
    }
    const outcome = await this.inbound.receive(requestContextOf(request), request.body);
    reply.status(outcome.outcome === 'ignored' ? 200 : 201);
    return outcome;
  }
}
