import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { Principal } from '@madoguchi/common';
import { NotificationService } from '@madoguchi/tickets';

import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import {
  NotificationListResponseDto,
  NotificationReadDto,
  NotificationSettingsDto,
  NotificationSettingsResponseDto,
} from './notification.dto';

/** The signed-in staff member's notifications: customer replies on their tickets, tickets assigned to them. */
@ApiTags('notifications')
@ApiBearerAuth()
@RequireRole('agent')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  @Endpoint({
    response: NotificationListResponseDto,
    summary: 'Your notifications, newest first, and the unread count',
  })
  @Get()
  async list(@CurrentPrincipal() viewer: Principal): Promise<NotificationListResponseDto> {
    const { items, unread } = await this.notifications.list(viewer);
    return {
      items: items.map((n) => ({
        id: n.id,
        kind: n.kind,
        ticketId: n.ticketId,
        ticketNumber: n.data.number,
        subject: n.data.subject,
        by: n.data.by ?? '',
        createdAt: new Date(n.createdAt).toISOString(),
        read: n.readAt !== null,
      })),
      unread,
    };
  }

  @Endpoint({ response: NotificationSettingsResponseDto, summary: 'Which notifications you get by e-mail too' })
  @Get('settings')
  async settings(@CurrentPrincipal() viewer: Principal): Promise<NotificationSettingsResponseDto> {
    return { mail: await this.notifications.mailSettings(viewer) };
  }

  @Endpoint({
    response: NotificationSettingsResponseDto,
    summary: 'Choose which notifications you get by e-mail (a kind left out keeps its setting)',
    errors: { 400: 'Invalid fields' },
  })
  @Put('settings')
  async changeSettings(
    @CurrentPrincipal() viewer: Principal,
    @Body() body: NotificationSettingsDto,
  ): Promise<NotificationSettingsResponseDto> {
    return { mail: await this.notifications.setMailSettings(viewer, body.mail) };
  }

  @Endpoint({ summary: 'Mark some of your notifications read', errors: { 400: 'Invalid fields' } })
  @Post('read')
  @HttpCode(204)
  async read(@CurrentPrincipal() viewer: Principal, @Body() body: NotificationReadDto): Promise<void> {
    await this.notifications.markRead(viewer, body.ids);
  }
}
