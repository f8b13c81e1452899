import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { MailOutboxService, MailResendService } from '@madoguchi/mail';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { MailOutboxResponseDto, MailResendResponseDto, ResendMailDto } from './operations.dto';

/** The single-mail outbox for admins: its backlog, the messages given up, and sending them again. */
@ApiTags('operations')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/mail')
export class MailOutboxController {
  constructor(
    private readonly outbox: MailOutboxService,
    private readonly resends: MailResendService,
  ) {}

  @Endpoint({
    response: MailOutboxResponseDto,
    summary: 'Outbox backlog (pending, oldest age, given up) and the 100 most recent given-up messages (admins)',
  })
  @Get()
  async overview(): Promise<MailOutboxResponseDto> {
    const [backlog, givenUp] = await Promise.all([this.outbox.backlog(), this.outbox.givenUp()]);
    return { backlog, givenUp: givenUp.map((mail) => ({ ...mail, createdAt: mail.createdAt.toISOString() })) };
  }

  @Endpoint({
    response: MailResendResponseDto,
    summary: 'Send given-up messages again, with a fresh retry window (admins; audited)',
    errors: { 400: 'Invalid keys' },
  })
  @Post('resend')
  @HttpCode(200)
  async resend(@Ctx() context: RequestContext, @Body() body: ResendMailDto): Promise<MailResendResponseDto> {
    const dedupKeys = await this.resends.resend(context, body.dedupKeys);
    return { resent: dedupKeys.length, dedupKeys };
  }
}
