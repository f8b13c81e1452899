import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { DomainError, type RequestContext } from '@madoguchi/common';
import { changedRows } from '@madoguchi/database';

import { Services } from './services';

/** Subscriptions an admin manages: narrowed service lists, extra addresses, the quarantine. */
@Injectable()
export class Subscribers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly services: Services,
  ) {}

  async setOrganizationServices(context: RequestContext, organizationId: string, serviceIds: string[]) {
    await this.dataSource.transaction(async (manager) => {
      await this.assertOrganization(manager, organizationId);
      const services = await this.services.named(manager, serviceIds);
      await manager.query(`DELETE FROM organization_service WHERE organization_id = $1`, [organizationId]);
      if (services.length > 0)
        await manager.query(
          `INSERT INTO organization_service (organization_id, service_id) SELECT $1, unnest($2::uuid[])`,
          [organizationId, services.map((service) => service.id)],
        );
      await this.audit.record(manager, context, {
        action: 'organization.services.set',
        targetType: 'organization',
        targetId: organizationId,
        summary: { serviceIds },
      });
    });
    return this.organizationServices(organizationId);
  }

  async organizationServices(organizationId: string) {
    const rows = (await this.dataSource.query(
      `SELECT service_id FROM organization_service WHERE organization_id = $1 ORDER BY service_id`,
      [organizationId],
    )) as Array<{ service_id: string }>;
    return { organizationId, allServices: rows.length === 0, serviceIds: rows.map((row) => row.service_id) };
  }

  async addExtraRecipient(
    context: RequestContext,
    organizationId: string,
    input: { email: string; language: 'ja' | 'en' },
  ) {
    const id = randomUUID();
    const email = input.email.toLowerCase();
    await this.dataSource.transaction(async (manager) => {
      await this.assertOrganization(manager, organizationId);
      const inserted = (await manager.query(
        `INSERT INTO notice_extra_recipient (id, organization_id, email, language) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, email) DO NOTHING RETURNING id`,
        [id, organizationId, email, input.language],
      )) as unknown[];
      if (inserted.length === 0)
        throw new DomainError('duplicate', `${email} already receives this organization's notices`, 'conflict');
      await this.audit.record(manager, context, {
        action: 'organization.notice-recipient.add',
        targetType: 'organization',
        targetId: organizationId,
        summary: { email },
      });
    });
    return { id, organizationId, email, language: input.language };
  }

  async extraRecipients(organizationId: string) {
    return (await this.dataSource.query(
      `SELECT id, organization_id AS "organizationId", email, language FROM notice_extra_recipient
        WHERE organization_id = $1 ORDER BY email`,
      [organizationId],
    )) as Array<{ id: string; organizationId: string; email: string; language: string }>;
  }

  async removeExtraRecipient(context: RequestContext, organizationId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await changedRows<{ email: string }>(
        manager,
        `DELETE FROM notice_extra_recipient WHERE id = $1 AND organization_id = $2 RETURNING email`,
        [id, organizationId],
      );
      if (rows.length === 0) throw new DomainError('not-found', 'No such notice recipient', 'not-found');
      await this.audit.record(manager, context, {
        action: 'organization.notice-recipient.remove',
        targetType: 'organization',
        targetId: organizationId,
        summary: { email: rows[0]!.email },
      });
    });
  }

  /** Addresses a server refused permanently, newest first (admins see and release them). */
  async quarantined(limit = 500) {
    return (await this.dataSource.query(
      `SELECT email, reason, notice_id AS "noticeId", quarantined_at AS "quarantinedAt" FROM mail_quarantine
        ORDER BY quarantined_at DESC, email LIMIT $1`,
      [limit],
    )) as Array<{ email: string; reason: string; noticeId: string | null; quarantinedAt: Date }>;
  }

  async release(context: RequestContext, email: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await changedRows(manager, `DELETE FROM mail_quarantine WHERE email = $1 RETURNING email`, [
        email.toLowerCase(),
      ]);
      if (rows.length === 0) throw new DomainError('not-found', `${email} is not quarantined`, 'not-found');
      await this.audit.record(manager, context, {
        action: 'mail.quarantine.release',
        targetType: 'mail-address',
        targetId: email.toLowerCase(),
        summary: {},
      });
    });
  }

  private async assertOrganization(manager: EntityManager, organizationId: string): Promise<void> {
    const [found] = (await manager.query(`SELECT 1 FROM organization WHERE id = $1`, [organizationId])) as unknown[];
    if (!found) throw new DomainError('not-found', 'No such organization', 'not-found');
  }
}
