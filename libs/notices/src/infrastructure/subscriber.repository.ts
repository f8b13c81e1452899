import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { changedRows, managerOf, type Transaction } from '@madoguchi/database';

export interface ExtraRecipient {
  id: string;
  organizationId: string;
  email: string;
  language: string;
}

export interface QuarantinedAddress {
  email: string;
  reason: string;
  noticeId: string | null;
  quarantinedAt: Date;
}

/** Who receives notices beyond the contacts: organizations' service lists, extra addresses, the quarantine. */
@Injectable()
export class SubscriberRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async organizationExists(transaction: Transaction, organizationId: string): Promise<boolean> {
    const rows = (await managerOf(transaction).query(`SELECT 1 FROM organization WHERE id = $1`, [
      organizationId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** The organization uses exactly these services from now on (none: all of them). */
  async replaceOrganizationServices(
    transaction: Transaction,
    organizationId: string,
    serviceIds: string[],
  ): Promise<void> {
    const manager = managerOf(transaction);
    await manager.query(`DELETE FROM organization_service WHERE organization_id = $1`, [organizationId]);
    if (serviceIds.length > 0)
      await manager.query(
        `INSERT INTO organization_service (organization_id, service_id) SELECT $1, unnest($2::uuid[])`,
        [organizationId, serviceIds],
      );
  }

  async organizationServiceIds(organizationId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT service_id FROM organization_service WHERE organization_id = $1 ORDER BY service_id`,
      [organizationId],
    )) as Array<{ service_id: string }>;
    return rows.map((row) => row.service_id);
  }

  /** Adds the address unless the organization has it already; whether it was added. */
  async addExtraRecipient(transaction: Transaction, recipient: ExtraRecipient): Promise<boolean> {
    const inserted = (await managerOf(transaction).query(
      `INSERT INTO notice_extra_recipient (id, organization_id, email, language) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, email) DO NOTHING RETURNING id`,
      [recipient.id, recipient.organizationId, recipient.email, recipient.language],
    )) as unknown[];
    return inserted.length > 0;
  }

  async extraRecipients(organizationId: string): Promise<ExtraRecipient[]> {
    return (await this.dataSource.query(
      `SELECT id, organization_id AS "organizationId", email, language FROM notice_extra_recipient
        WHERE organization_id = $1 ORDER BY email`,
      [organizationId],
    )) as ExtraRecipient[];
  }

  /** Removes the organization's extra address; its e-mail, or undefined when there was none. */
  async removeExtraRecipient(
    transaction: Transaction,
    organizationId: string,
    id: string,
  ): Promise<string | undefined> {
    const [row] = await changedRows<{ email: string }>(
      managerOf(transaction),
      `DELETE FROM notice_extra_recipient WHERE id = $1 AND organization_id = $2 RETURNING email`,
      [id, organizationId],
    );
    return row?.email;
  }

  /** Addresses a server refused permanently, newest first. */
  async quarantined(limit: number): Promise<QuarantinedAddress[]> {
    return (await this.dataSource.query(
      `SELECT email, reason, notice_id AS "noticeId", quarantined_at AS "quarantinedAt" FROM mail_quarantine
        ORDER BY quarantined_at DESC, email LIMIT $1`,
      [limit],
    )) as QuarantinedAddress[];
  }

  /** Takes the address out of the quarantine; whether it was in. */
  async release(transaction: Transaction, email: string): Promise<boolean> {
    const rows = await changedRows(
      managerOf(transaction),
      `DELETE FROM mail_quarantine WHERE email = $1 RETURNING email`,
      [email],
    );
    return rows.length > 0;
  }
}
