import { Global, Module } from '@nestjs/common';

import { IncidentService } from './application/incident.service';
import { IncidentAlertService } from './application/incident-alert.service';
import { MaintenanceService } from './application/maintenance.service';
import { MaintenanceNoticeService } from './application/maintenance-notice.service';
import { MonitoringAlertService } from './application/monitoring-alert.service';
import { NoticeBacklogGauges } from './application/notice-backlog.gauges';
import { NoticeTickConsumer, SendBatchConsumer } from './application/notice-consumers';
import { NoticeOutboxService } from './application/notice-outbox.service';
import { NoticeSenderService } from './application/notice-sender.service';
import { ServiceAvailabilityService } from './application/service-availability.service';
import { ServiceCatalogService } from './application/service-catalog.service';
import { ServiceChangeService } from './application/service-change.service';
import { StatusPageService } from './application/status-page.service';
import { StatusSubscriptionService } from './application/status-subscription.service';
import { SubscriberService } from './application/subscriber.service';
import { IncidentRepository } from './infrastructure/incident.repository';
import { IncidentAlertRepository } from './infrastructure/incident-alert.repository';
import { MaintenanceRepository } from './infrastructure/maintenance.repository';
import { NoticeDeliveryRepository } from './infrastructure/notice-delivery.repository';
import { ServiceRepository } from './infrastructure/service.repository';
import { StatusSubscriberRepository } from './infrastructure/status-subscriber.repository';
import { SubscriberRepository } from './infrastructure/subscriber.repository';

const PUBLIC = [
  ServiceCatalogService,
  MaintenanceService,
  MaintenanceNoticeService,
  ServiceChangeService,
  IncidentService,
  IncidentAlertService,
  SubscriberService,
  NoticeOutboxService,
  StatusPageService,
  ServiceAvailabilityService,
  MonitoringAlertService,
  StatusSubscriptionService,
];

@Global()
@Module({
  providers: [
    ...PUBLIC,
    NoticeDeliveryRepository,
    IncidentRepository,
    IncidentAlertRepository,
    MaintenanceRepository,
    ServiceRepository,
    SubscriberRepository,
    StatusSubscriberRepository,
    NoticeSenderService,
    SendBatchConsumer,
    NoticeTickConsumer,
    NoticeBacklogGauges,
  ],
  exports: PUBLIC,
})
export class NoticesModule {}
