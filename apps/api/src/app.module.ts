import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';

import type { Clock } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { PlatformModule } from '@madoguchi/platform';

import { AuditEventsController } from './audit/audit-events.controller';
import { DenialLog } from './audit/denial-log';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { CalendarsController } from './calendars/calendars.controller';
import { HealthController } from './health/health.controller';
import { MailHealthIndicator, QueueHealthIndicator } from './health/health.indicators';
import { InquiryRateLimiter, PasswordResetRateLimiter, SubscriptionRateLimiter } from './http/rate-limiter';
import { OrganizationsController } from './identity/organizations.controller';
import { SecondFactorController } from './identity/second-factor.controller';
import { UsersController } from './identity/users.controller';
import { DisclosuresController, PublicDisclosuresController } from './kpi/disclosures.controller';
import { KpiController } from './kpi/kpi.controller';
import { WallboardController } from './kpi/wallboard.controller';
import { MetricsController } from './metrics/metrics.controller';
import { IncidentsController } from './notices/incidents.controller';
import { MonitoringController } from './notices/monitoring.controller';
import { NoticesController } from './notices/notices.controller';
import { PublicStatus } from './notices/public-status';
import { StatusController } from './notices/status.controller';
import { StatusSubscriptionsController } from './notices/status-subscriptions.controller';
import { SubscribersController } from './notices/subscribers.controller';
import { MailOutboxController } from './operations/mail-outbox.controller';
import { QueuesController } from './operations/queues.controller';
import { CallsController } from './telephony/calls.controller';
import { ClosuresController } from './telephony/closures.controller';
import { ImportsController } from './telephony/imports.controller';
import { PresenceController } from './telephony/presence.controller';
import { CannedRepliesController } from './tickets/canned-replies.controller';
import { ExportsController } from './tickets/exports.controller';
import { GroupsController } from './tickets/groups.controller';
import { InboundMailController } from './tickets/inbound-mail.controller';
import { InquiriesController } from './tickets/inquiries.controller';
import { NotificationsController } from './tickets/notifications.controller';
import { SlaPoliciesController } from './tickets/sla-policies.controller';
import { TagsController } from './tickets/tags.controller';
import { TicketsController } from './tickets/tickets.controller';
import { PAGE_CONTROLLERS, PAGE_PROVIDERS } from './web/web-pages';

@Module({})
export class AppModule {
  static register(config: AppConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config, options), TerminusModule.forRoot({ logger: false })],
      controllers: [
        HealthController,
        MetricsController,
        QueuesController,
        MailOutboxController,
        AuthController,
        OrganizationsController,
        UsersController,
        SecondFactorController,
        AuditEventsController,
        CalendarsController,
        InquiriesController,
        InboundMailController,
        TicketsController,
        ExportsController,
        SlaPoliciesController,
        CannedRepliesController,
        NotificationsController,
        GroupsController,
        TagsController,
        ImportsController,
        CallsController,
        PresenceController,
        ClosuresController,
        KpiController,
        WallboardController,
        NoticesController,
        IncidentsController,
        MonitoringController,
        SubscribersController,
        StatusController,
        StatusSubscriptionsController,
        DisclosuresController,
        PublicDisclosuresController,
        ...PAGE_CONTROLLERS,
      ],
      providers: [
        InquiryRateLimiter,
        PublicStatus,
        PasswordResetRateLimiter,
        SubscriptionRateLimiter,
        QueueHealthIndicator,
        MailHealthIndicator,
        ...PAGE_PROVIDERS,
        DenialLog,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
