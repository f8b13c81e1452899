import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { Clock, type RequestContext } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { type MonitoringAlert, readAlertmanagerPayload, readGenericAlert } from '../domain/monitoring-alert';
import { unknownMonitoredServices, unreadableAlerts } from '../domain/notices.errors';
import { IncidentRepository } from '../infrastructure/incident.repository';
import type { ServiceEntity } from '../infrastructure/service.entity';
import { ServiceRepository } from '../infrastructure/service.repository';
import { IncidentService } from './incident.service';

/** What one delivery did to one incident: opened it (`created`), or joined or re-told it. */
export interface AlertOutcome {
  incidentId: string;
  /** The incident's detection once the delivery is taken (an earlier alert moves it back). */
  detectedAt: Date;
  created: boolean;
}

/**
 * Alerts from monitoring start the 1-hour clock. A firing alert about a service joins the open
 * incident holding that service, or opens a draft detected at the alert's start; each episode (its
 * fingerprint and start) is recorded once, so a repeated delivery changes nothing. A resolved alert
 * records when the monitor saw recovery, for a manager to confirm: nothing is resolved or
 * published without one.
 */
@Injectable()
export class MonitoringAlertService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly incidentService: IncidentService,
    private readonly services: ServiceRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * One delivery, all or none: an Alertmanager webhook message (it has `alerts`) or the generic
   * form, each alert matched to a service by `serviceLabel`. 400 when it cannot be read, 422 when
   * it names an unknown service. One outcome per incident touched.
   */
  async receive(context: RequestContext, payload: unknown, serviceLabel: string): Promise<AlertOutcome[]> {
    const alertmanager = typeof payload === 'object' && payload !== null && 'alerts' in payload;
    const reading = alertmanager ? readAlertmanagerPayload(payload, serviceLabel) : readGenericAlert(payload);
    if (!reading.ok) throw unreadableAlerts(reading.problems);
    return this.take(context, reading.alerts, (index) =>
      alertmanager ? `alerts[${index}].labels.${serviceLabel}` : 'service',
    );
  }

  /** `fieldOf(index)` names where the alert's service is in the payload (for the 422). */
  private async take(
    context: RequestContext,
    alerts: readonly MonitoringAlert[],
    fieldOf: (index: number) => string,
  ): Promise<AlertOutcome[]> {
    const now = this.clock.now();
    return this.unitOfWork.run(async (transaction) => {
      const services = await this.services.lockNamed(transaction, [...new Set(alerts.map((alert) => alert.service))]);
      const serviceOf = (reference: string): ServiceEntity | undefined =>
        services.find((service) => service.id === reference) ??
        services.find((service) => service.name === reference || service.nameEn === reference);
      const unknown = alerts.flatMap((alert, index) => (serviceOf(alert.service) ? [] : [fieldOf(index)]));
      if (unknown.length > 0) throw unknownMonitoredServices(unknown);

      // Each incident the delivery touched, and whether the delivery opened it.
      const opened = new Map<string, boolean>();
      for (const alert of alerts) {
        const service = serviceOf(alert.service)!;
        const startsAt = new Date(alert.startsAt);
        // A monitor's clock a little ahead of ours does not detect an outage in the future.
        const detectedAt = Math.min(alert.startsAt, now);
        const known = await this.incidents.findAlert(transaction, alert.fingerprint, startsAt);
        let incidentId = known?.incidentId;
        let created = false;
        if (!incidentId) {
          const open = await this.incidents.openForService(transaction, service.id);
          if (open) {
            incidentId = open.id;
            // The earliest alert is the detection: the clock runs from it.
            if (detectedAt < open.detectedAt.getTime())
              await this.incidentService.moveDetection(transaction, context, open.id, detectedAt);
          } else {
            incidentId = await this.incidentService.openDraftFromMonitoring(
              transaction,
              context,
              { serviceId: service.id, summary: alert.summary, detectedAt },
              now,
            );
            created = true;
          }
          await this.incidents.insertAlert(transaction, {
            fingerprint: alert.fingerprint,
            startsAt,
            incidentId,
            serviceId: service.id,
            summary: alert.summary.slice(0, 500),
            endsAt: null,
            receivedAt: new Date(now),
          });
        }
        if (alert.endsAt !== null)
          await this.incidents.alertRecovered(transaction, alert.fingerprint, startsAt, new Date(alert.endsAt));
        // Every delivery is on record against its incident, repeats included (who told us what, when).
        await this.audit.record(transaction, context, {
          action: 'incident.monitoring-alert',
          targetType: 'incident',
          targetId: incidentId,
          summary: {
            fingerprint: alert.fingerprint,
            service: service.id,
            status: alert.firing ? 'firing' : 'resolved',
            startsAt: startsAt.toISOString(),
            endsAt: alert.endsAt === null ? null : new Date(alert.endsAt).toISOString(),
            opened: created,
            repeated: known !== null,
          },
        });
        opened.set(incidentId, created || (opened.get(incidentId) ?? false));
      }
      const detected = await this.incidents.detectionTimes(transaction, [...opened.keys()]);
      return [...opened].map(([incidentId, created]) => ({
        incidentId,
        detectedAt: detected.get(incidentId)!,
        created,
      }));
    });
  }
}
