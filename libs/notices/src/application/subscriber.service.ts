import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { type RequestContext } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';

import {
  noticeRecipientNotFound,
  noticeRecipientTaken,
  notQuarantined,
  organizationNotFound,
} from '../domain/notices.errors';
import { SubscriberRepository } from '../infrastructure/subscriber.repository';
import { ServiceCatalogService } from './service-catalog.service';

/** Subscriptions an admin manages: narrowed service lists, extra addresses, the quarantine. */
@Injectable()
export class SubscriberService {
  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly services: ServiceCatalogService,
  ) {}

  async setOrganizationServices(context: RequestContext, organizationId: string, serviceIds: string[]) {
    await this.unitOfWork.run(async (transaction) => {
      await this.assertOrganization(transaction, organizationId);
      const services = await this.services.named(transaction, serviceIds);
      await this.subscribers.replaceOrganizationServices(
        transaction,
        organizationId,
        services.map((service) => service.id),
      );
      await this.audit.record(transaction, context, {
        action: 'organization.services.set',
        targetType: 'organization',
        targetId: organizationId,
        summary: { serviceIds },
      });
    });
    return this.organizationServices(organizationId);
  }

  async organizationServices(organizationId: string) {
    const serviceIds = await this.subscribers.organizationServiceIds(organizationId);
    return { organizationId, allServices: serviceIds.length === 0, serviceIds };
  }

  async addExtraRecipient(
    context: RequestContext,
    organizationId: string,
    input: { email: string; language: 'ja' | 'en' },
  ) {
    const id = randomUUID();
    const email = input.email.toLowerCase();
    await this.unitOfWork.run(async (transaction) => {
      await this.assertOrganization(transaction, organizationId);
      const added = await this.subscribers.addExtraRecipient(transaction, {
        id,
        organizationId,
        email,
        language: input.language,
      });
      if (!added) throw noticeRecipientTaken(email);
      await this.audit.record(transaction, context, {
        action: 'organization.notice-recipient.add',
        targetType: 'organization',
        targetId: organizationId,
        summary: { email },
      });
    });
    return { id, organizationId, email, language: input.language };
  }

  extraRecipients(organizationId: string) {
    return this.subscribers.extraRecipients(organizationId);
  }

  async removeExtraRecipient(context: RequestContext, organizationId: string, id: string): Promise<void> {
    await this.unitOfWork.run(async (transaction) => {
      const email = await this.subscribers.removeExtraRecipient(transaction, organizationId, id);
      if (email === undefined) throw noticeRecipientNotFound(id);
      await this.audit.record(transaction, context, {
        action: 'organization.notice-recipient.remove',
        targetType: 'organization',
        targetId: organizationId,
        summary: { email },
      });
    });
  }

  /** Addresses a server refused permanently, newest first (admins see and release them). */
  quarantined(limit = 500) {
    return this.subscribers.quarantined(limit);
  }

  async release(context: RequestContext, email: string): Promise<void> {
    await this.unitOfWork.run(async (transaction) => {
      if (!(await this.subscribers.release(transaction, email.toLowerCase()))) throw notQuarantined(email);
      await this.audit.record(transaction, context, {
        action: 'mail.quarantine.release',
        targetType: 'mail-address',
        targetId: email.toLowerCase(),
        summary: {},
      });
    });
  }

  private async assertOrganization(transaction: Transaction, organizationId: string): Promise<void> {
    if (!(await this.subscribers.organizationExists(transaction, organizationId)))
      throw organizationNotFound(organizationId);
  }
}
