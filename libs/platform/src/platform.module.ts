import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { AUDIT_QUEUE, AuditModule } from '@madoguchi/audit';
import { BusinessCalendarModule } from '@madoguchi/business-calendar';
import { Clock, SystemClock } from '@madoguchi/common';
import { AppConfig, ConfigModule } from '@madoguchi/config';
import { DatabaseModule } from '@madoguchi/database';
import { IdentityModule } from '@madoguchi/identity';
import { KpiModule } from '@madoguchi/kpi';
import { MAIL_ALARM_QUEUE, MAIL_QUEUE, MailModule } from '@madoguchi/mail';
import { NOTICE_DELIVERY_QUEUE, NOTICE_TIMERS_QUEUE, NoticesModule } from '@madoguchi/notices';
import { loggerParams, ObservabilityModule } from '@madoguchi/observability';
import { QueueDefinition, QueueModule } from '@madoguchi/queue';
import { TELEPHONY_QUEUE, TelephonyModule } from '@madoguchi/telephony';
import { TICKET_TIMERS_QUEUE, TicketsModule } from '@madoguchi/tickets';

import { ENTITIES } from './entities';

/** Every queue the application declares; a process that runs workers needs a consumer for each job. */
export const QUEUES: QueueDefinition[] = [
  MAIL_QUEUE,
  MAIL_ALARM_QUEUE,
  TICKET_TIMERS_QUEUE,
  AUDIT_QUEUE,
  TELEPHONY_QUEUE,
  NOTICE_DELIVERY_QUEUE,
  NOTICE_TIMERS_QUEUE,
];

/**
 * What both apps stand on: validated configuration, structured logs, metrics, the database, the
 * queue and mail. The API adds HTTP on top; the worker adds nothing but its processors.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      providers: [{ provide: Clock, useValue: options.clock ?? new SystemClock() }],
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config.LOG_LEVEL)),
        ObservabilityModule,
        DatabaseModule.forRoot(ENTITIES),
        QueueModule.forRoot({ queues: QUEUES }),
        MailModule,
        AuditModule,
        IdentityModule,
        BusinessCalendarModule,
        TicketsModule,
        TelephonyModule,
        KpiModule,
        NoticesModule,
      ],
      exports: [
        Clock,
        ConfigModule,
        ObservabilityModule,
        QueueModule,
        MailModule,
        AuditModule,
        IdentityModule,
        BusinessCalendarModule,
        TicketsModule,
        TelephonyModule,
        KpiModule,
        NoticesModule,
      ],
    };
  }
}
