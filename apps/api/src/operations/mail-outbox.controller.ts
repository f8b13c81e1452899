import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

import type { RequestContext } from '@madoguchi/common';
import { MailOutboxService, MailResendService } from '@madoguchi/mail';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';

export class ResendMailDto {
  @ApiPropertyOptional({ description: 'The messages to send again (all given-up ones when absent)', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  dedupKeys?: string[];
}

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

  @Get()
  @Endpoint({
    summary: 'Outbox backlog (pending, oldest age, given up) and the 100 most recent given-up messages (admins)',
  })
  async overview() {
    const [backlog, givenUp] = await Promise.all([this.outbox.backlog(), this.outbox.givenUp()]);
    return { backlog, givenUp: givenUp.map((mail) => ({ ...mail, createdAt: mail.createdAt.toISOString() })) };
  }

  @Post('resend')
  @HttpCode(200)
  @Endpoint({
    summary: 'Send given-up messages again, with a fresh retry window (admins; audited)',
    errors: { 400: 'Invalid keys' },
  })
  async resend(@Ctx() context: RequestContext, @Body() body: ResendMailDto) {
    const dedupKeys = await this.resends.resend(context, body.dedupKeys);
    return { resent: dedupKeys.length, dedupKeys };
  }
}
