import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { SubscriberService } from '@madoguchi/notices';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  NoticeRecipientDto,
  NoticeRecipientListResponseDto,
  NoticeRecipientResponseDto,
  OrganizationServicesDto,
  OrganizationServicesResponseDto,
  QuarantineListResponseDto,
} from './notices.dto';

/** Admins: which services an organization uses, extra notice addresses, and quarantined addresses. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/v1')
@RequireRole('admin')
export class SubscribersController {
  constructor(private readonly subscribers: SubscriberService) {}

  @Endpoint({
    response: OrganizationServicesResponseDto,
    summary: 'The services an organization uses (`allServices` when not narrowed)',
  })
  @Get('organizations/:id/services')
  services(@Param('id', ParseUUIDPipe) id: string): Promise<OrganizationServicesResponseDto> {
    return this.subscribers.organizationServices(id);
  }

  @Endpoint({
    response: OrganizationServicesResponseDto,
    summary: 'Narrow (or, with an empty list, widen back) the services an organization uses',
    errors: { 400: 'Unknown services', 404: '`organization.not-found`' },
  })
  @Put('organizations/:id/services')
  setServices(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OrganizationServicesDto,
  ): Promise<OrganizationServicesResponseDto> {
    return this.subscribers.setOrganizationServices(context, id, body.serviceIds);
  }

  @Endpoint({
    response: NoticeRecipientListResponseDto,
    summary: 'Extra addresses receiving the organization’s notices',
  })
  @Get('organizations/:id/notice-recipients')
  async recipients(@Param('id', ParseUUIDPipe) id: string): Promise<NoticeRecipientListResponseDto> {
    return { items: await this.subscribers.extraRecipients(id) };
  }

  @Endpoint({
    response: NoticeRecipientResponseDto,
    summary: 'Add an address to the organization’s notices',
    errors: { 404: '`organization.not-found`', 409: '`notice-recipient.taken`: already added' },
  })
  @Post('organizations/:id/notice-recipients')
  addRecipient(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: NoticeRecipientDto,
  ): Promise<NoticeRecipientResponseDto> {
    return this.subscribers.addExtraRecipient(context, id, { email: body.email, language: body.language ?? 'ja' });
  }

  @Endpoint({ summary: 'Remove an extra address', errors: { 404: '`notice-recipient.not-found`' } })
  @Delete('organizations/:id/notice-recipients/:recipientId')
  @HttpCode(204)
  async removeRecipient(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('recipientId', ParseUUIDPipe) recipientId: string,
  ) {
    await this.subscribers.removeExtraRecipient(context, id, recipientId);
  }

  @Endpoint({
    response: QuarantineListResponseDto,
    summary: 'Addresses refused permanently (5xx), left out of every notice until released',
  })
  @Get('mail-quarantine')
  async quarantine(): Promise<QuarantineListResponseDto> {
    const addresses = await this.subscribers.quarantined();
    return { items: addresses.map((address) => ({ ...address, quarantinedAt: address.quarantinedAt.toISOString() })) };
  }

  @Endpoint({ summary: 'Release a quarantined address', errors: { 404: '`quarantine.not-found`' } })
  @Delete('mail-quarantine/:email')
  @HttpCode(204)
  async release(@Ctx() context: RequestContext, @Param('email') email: string) {
    await this.subscribers.release(context, email);
  }
}
