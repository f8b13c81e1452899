import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';

import type { RequestContext } from '@madoguchi/common';
import { SubscriberService } from '@madoguchi/notices';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { Trim } from '../http/trim.decorator';

export class OrganizationServicesDto {
  @ApiProperty({ type: [String], description: 'Empty: the organization uses every service' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  serviceIds!: string[];
}

export class NoticeRecipientDto {
  @ApiProperty({ example: 'oncall@example.co.jp' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: ['ja', 'en'], default: 'ja' })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: 'ja' | 'en';
}

/** Admins: which services an organization uses, extra notice addresses, and quarantined addresses. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/v1')
@RequireRole('admin')
export class SubscribersController {
  constructor(private readonly subscribers: SubscriberService) {}

  @Get('organizations/:id/services')
  @Endpoint({ summary: 'The services an organization uses (`allServices` when not narrowed)' })
  services(@Param('id', ParseUUIDPipe) id: string) {
    return this.subscribers.organizationServices(id);
  }

  @Put('organizations/:id/services')
  @Endpoint({
    summary: 'Narrow (or, with an empty list, widen back) the services an organization uses',
    errors: { 400: 'Unknown services', 404: '`organization.not-found`' },
  })
  setServices(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OrganizationServicesDto,
  ) {
    return this.subscribers.setOrganizationServices(context, id, body.serviceIds);
  }

  @Get('organizations/:id/notice-recipients')
  @Endpoint({ summary: 'Extra addresses receiving the organization’s notices' })
  async recipients(@Param('id', ParseUUIDPipe) id: string) {
    return { items: await this.subscribers.extraRecipients(id) };
  }

  @Post('organizations/:id/notice-recipients')
  @Endpoint({
    summary: 'Add an address to the organization’s notices',
    errors: { 404: '`organization.not-found`', 409: '`notice-recipient.taken`: already added' },
  })
  addRecipient(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: NoticeRecipientDto,
  ) {
    return this.subscribers.addExtraRecipient(context, id, { email: body.email, language: body.language ?? 'ja' });
  }

  @Delete('organizations/:id/notice-recipients/:recipientId')
  @HttpCode(204)
  @Endpoint({ summary: 'Remove an extra address', errors: { 404: '`notice-recipient.not-found`' } })
  async removeRecipient(
    @Ctx() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('recipientId', ParseUUIDPipe) recipientId: string,
  ) {
    await this.subscribers.removeExtraRecipient(context, id, recipientId);
  }

  @Get('mail-quarantine')
  @Endpoint({ summary: 'Addresses refused permanently (5xx), left out of every notice until released' })
  async quarantine() {
    return { items: await this.subscribers.quarantined() };
  }

  @Delete('mail-quarantine/:email')
  @HttpCode(204)
  @Endpoint({ summary: 'Release a quarantined address', errors: { 404: '`quarantine.not-found`' } })
  async release(@Ctx() context: RequestContext, @Param('email') email: string) {
    await this.subscribers.release(context, email);
  }
}
