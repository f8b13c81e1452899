import { Global, Module } from '@nestjs/common';

import { IncidentAlerts } from './application/incident-alerts';
import { Incidents } from './application/incidents';
import { MaintenanceNotices } from './application/maintenance-notices';
import { Maintenances } from './application/maintenances';
import { NoticeBacklogGauges } from './application/notice-backlog.gauges';
import { NoticeTickConsumer, SendBatchConsumer } from './application/notice-consumers';
import { NoticeOutbox } from './application/notice-outbox';
import { NoticeSender } from './application/notice-sender';
import { ServiceChanges } from './application/service-changes';
import { Services } from './application/services';
import { StatusPage } from './application/status-page';
import { Subscribers } from './application/subscribers';
import { IncidentRepository } from './infrastructure/incident.repository';
import { IncidentAlertRepository } from './infrastructure/incident-alert.repository';
import { MaintenanceRepository } from './infrastructure/maintenance.repository';
import { NoticeDeliveryRepository } from './infrastructure/notice-delivery.repository';
import { ServiceRepository } from './infrastructure/service.repository';
import { SubscriberRepository } from './infrastructure/subscriber.repository';

const PUBLIC = [
  Services,
  Maintenances,
  MaintenanceNotices,
  ServiceChanges,
  Incidents,
  IncidentAlerts,
  Subscribers,
  NoticeOutbox,
  StatusPage,
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
    NoticeSender,
    SendBatchConsumer,
    NoticeTickConsumer,
    NoticeBacklogGauges,
  ],
  exports: PUBLIC,
})
export class NoticesModule {}
