import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';

import { managerOf, runnerOf, type Transaction } from '@madoguchi/database';

import type { IncidentStep } from '../domain/availability';
import type { IncidentImpact, IncidentStatus } from '../domain/incident';
import { IncidentEntity, IncidentServiceEntity, IncidentUpdateEntity, MonitoringAlertEntity } from './incident.entity';

export type NewIncident = Omit<IncidentEntity, 'creator'>;
export type NewIncidentUpdate = Omit<IncidentUpdateEntity, 'creator' | 'incident' | 'notice'>;

/** Incidents, the services they hold, and their updates (each published one points at its notice). */
@Injectable()
export class IncidentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(transaction: Transaction, incident: NewIncident, serviceIds: string[]): Promise<void> {
    const manager = managerOf(transaction);
    await manager.insert(IncidentEntity, incident);
    await manager.insert(
      IncidentServiceEntity,
      serviceIds.map((serviceId) => ({ incidentId: incident.id, serviceId })),
    );
  }

  find(transaction: Transaction | undefined, id: string): Promise<IncidentEntity | null> {
    return runnerOf(transaction, this.dataSource).findOneBy(IncidentEntity, { id });
  }

  /** The incident, locked against concurrent changes until the caller's transaction ends. */
  lockForChange(transaction: Transaction, id: string): Promise<IncidentEntity | null> {
    return managerOf(transaction)
      .getRepository(IncidentEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id })
      .getOne();
  }

  async change(
    transaction: Transaction,
    id: string,
    changes: Partial<
      Pick<
        IncidentEntity,
        | 'status'
        | 'impact'
        | 'resolvedAt'
        | 'publishedAt'
        | 'detectedAt'
        | 'noticeDeadlineAt'
        | 'title'
        | 'titleEn'
        | 'titleCorrectedAt'
      >
    >,
  ): Promise<void> {
    await managerOf(transaction).update(IncidentEntity, { id }, changes);
  }

  /** The latest unresolved incident, draft or published, that holds the service (what a new alert joins). */
  async openForService(transaction: Transaction, serviceId: string): Promise<IncidentEntity | null> {
    return managerOf(transaction)
      .getRepository(IncidentEntity)
      .createQueryBuilder('i')
      .where('i.resolvedAt IS NULL')
      .andWhere('EXISTS (SELECT 1 FROM incident_service s WHERE s.incident_id = i.id AND s.service_id = :serviceId)', {
        serviceId,
      })
      .orderBy('i.detectedAt', 'DESC')
      .getOne();
  }

  /** When each incident was detected, by id. */
  async detectionTimes(transaction: Transaction, ids: string[]): Promise<Map<string, Date>> {
    const incidents = await managerOf(transaction).find(IncidentEntity, {
      where: { id: In(ids) },
      select: { id: true, detectedAt: true },
    });
    return new Map(incidents.map((incident) => [incident.id, incident.detectedAt]));
  }

  /** One alert episode as received before, if it was. */
  findAlert(transaction: Transaction, fingerprint: string, startsAt: Date): Promise<MonitoringAlertEntity | null> {
    return managerOf(transaction).findOneBy(MonitoringAlertEntity, { fingerprint, startsAt });
  }

  async insertAlert(transaction: Transaction, alert: Omit<MonitoringAlertEntity, 'incident' | 'service'>) {
    await managerOf(transaction).insert(MonitoringAlertEntity, alert);
  }

  /** Records the monitor's recovery time on an alert episode (the first report of it stands). */
  async alertRecovered(transaction: Transaction, fingerprint: string, startsAt: Date, endsAt: Date): Promise<void> {
    await managerOf(transaction)
      .createQueryBuilder()
      .update(MonitoringAlertEntity)
      .set({ endsAt })
      .where('fingerprint = :fingerprint AND starts_at = :startsAt AND ends_at IS NULL', { fingerprint, startsAt })
      .execute();
  }

  /** The incidents' alerts from monitoring, oldest first. */
  alertsOf(ids: string[]): Promise<MonitoringAlertEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(MonitoringAlertEntity)
      .find({ where: { incidentId: In(ids) }, order: { startsAt: 'ASC' } });
  }

  /** Incidents detected since `since` (all when absent), newest first, at most 500. */
  list(options: { since?: Date; openOnly?: boolean; publishedOnly: boolean }): Promise<IncidentEntity[]> {
    const query = this.dataSource.getRepository(IncidentEntity).createQueryBuilder('i').orderBy('i.detectedAt', 'DESC');
    if (options.since) query.andWhere('i.detectedAt >= :since', { since: options.since });
    if (options.openOnly) query.andWhere('i.resolvedAt IS NULL');
    if (options.publishedOnly) query.andWhere('i.publishedAt IS NOT NULL');
    return query.limit(500).getMany();
  }

  /** The services of each incident, by incident id. */
  async serviceIds(transaction: Transaction | undefined, ids: string[]): Promise<Map<string, string[]>> {
    const byIncident = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byIncident;
    const links = await runnerOf(transaction, this.dataSource).findBy(IncidentServiceEntity, { incidentId: In(ids) });
    for (const link of links) byIncident.get(link.incidentId)?.push(link.serviceId);
    return byIncident;
  }

  async insertUpdate(transaction: Transaction, update: NewIncidentUpdate): Promise<void> {
    await managerOf(transaction).insert(IncidentUpdateEntity, update);
  }

  findUpdate(transaction: Transaction, id: string): Promise<IncidentUpdateEntity | null> {
    return managerOf(transaction).findOneBy(IncidentUpdateEntity, { id });
  }

  /** The incidents' updates, newest first. */
  updatesOf(ids: string[]): Promise<IncidentUpdateEntity[]> {
    return this.dataSource
      .getRepository(IncidentUpdateEntity)
      .find({ where: { incidentId: In(ids) }, order: { createdAt: 'DESC' } });
  }

  /** The incident's updates not yet published, oldest first. */
  draftUpdates(transaction: Transaction, incidentId: string): Promise<IncidentUpdateEntity[]> {
    return managerOf(transaction).find(IncidentUpdateEntity, {
      where: { incidentId, publishedAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
  }

  /** The notices the incident's published updates wrote. */
  async noticeIds(transaction: Transaction, incidentId: string): Promise<string[]> {
    const updates = await managerOf(transaction).find(IncidentUpdateEntity, { where: { incidentId } });
    return updates.flatMap((update) => (update.noticeId ? [update.noticeId] : []));
  }

  async markUpdatePublished(transaction: Transaction, id: string, at: Date, noticeId: string): Promise<void> {
    await managerOf(transaction).update(IncidentUpdateEntity, { id }, { publishedAt: at, noticeId });
  }

  /**
   * Published incidents that touched [from, to), each with its services and its timeline (every
   * update's time, status and impact, oldest first): what availability is computed from.
   */
  async timelinesBetween(from: Date, to: Date): Promise<IncidentTimeline[]> {
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.detected_at,
              ARRAY(SELECT s.service_id FROM incident_service s WHERE s.incident_id = i.id) AS service_ids,
              (SELECT json_agg(json_build_object('at', u.created_at, 'status', u.status, 'impact', u.impact)
                                ORDER BY u.created_at, u.id)
                 FROM incident_update u WHERE u.incident_id = i.id) AS steps
         FROM incident i
        WHERE i.published_at IS NOT NULL AND i.detected_at < $2 AND (i.resolved_at IS NULL OR i.resolved_at > $1)`,
      [from.toISOString(), to.toISOString()],
    )) as Array<{
      id: string;
      detected_at: Date;
      service_ids: string[];
      steps: Array<{ at: string; status: IncidentStatus; impact: IncidentImpact }> | null;
    }>;
    return rows.map((row) => ({
      id: row.id,
      detectedAt: new Date(row.detected_at).getTime(),
      serviceIds: row.service_ids,
      steps: (row.steps ?? []).map((step) => ({ ...step, at: Date.parse(step.at) })),
    }));
  }
}

export interface IncidentTimeline {
  id: string;
  detectedAt: number;
  serviceIds: string[];
  steps: IncidentStep[];
}
