import { createHash, randomBytes, randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { CalendarService, SUPPORT_HOURS } from '@madoguchi/business-calendar';
import { Clock, type RequestContext } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { type Transaction, UnitOfWork } from '@madoguchi/database';
import { MailOutboxService, renderMail } from '@madoguchi/mail';

import { inLanguage, type NoticeLanguage } from '../domain/bilingual';
import { subscriptionLinkInvalid } from '../domain/notices.errors';
import { StatusSubscriberRepository } from '../infrastructure/status-subscriber.repository';
import type { StatusSubscriberEntity } from '../infrastructure/subscriber.entities';
import { formatNoticeTime, subscriptionConfirmationTemplate } from '../templates/notice-mail.templates';
import { ServiceCatalogService } from './service-catalog.service';

/** How long a confirmation link works. */
export const SUBSCRIPTION_LINK_VALID_MS = 48 * 3_600_000;
/**
 * One confirmation mail per address in this time, whatever is asked: the form is open to anyone,
 * and must not become a way to fill a stranger's inbox.
 */
const CONFIRMATION_COOLDOWN_MS = 10 * 60_000;

const ALL_SERVICES: Record<NoticeLanguage, string> = { ja: 'すべてのサービス', en: 'All services' };

export interface SubscriptionRequest {
  email: string;
  language: NoticeLanguage;
  /** None: every service. */
  serviceIds: string[];
}

/** A subscription as its owner sees it (the confirmation and unsubscribe pages). */
export interface SubscriptionView {
  email: string;
  language: NoticeLanguage;
  serviceIds: string[];
  confirmed: boolean;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(24).toString('base64url');

/**
 * Status notices by e-mail for anyone, with double opt-in: a request stores what it asks for and
 * mails a link (through the outbox, in the request's transaction); the notices start when the link
 * is confirmed; the one-click link in every notice ends them. The answer to a request never says
 * whether the address was known.
 */
@Injectable()
export class StatusSubscriptionService {
  constructor(
    private readonly subscribers: StatusSubscriberRepository,
    private readonly services: ServiceCatalogService,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: MailOutboxService,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Stores the request and mails its confirmation link (not again within the cooldown). */
  async subscribe(context: RequestContext, input: SubscriptionRequest): Promise<void> {
    const now = this.clock.now();
    const email = input.email.toLowerCase();
    const zone = await this.calendars.timeZone(SUPPORT_HOURS.id);
    await this.unitOfWork.run(async (transaction) => {
      const services = await this.services.named(transaction, input.serviceIds);
      const existing = await this.subscribers.findByEmailForUpdate(transaction, email);
      if (existing?.confirmationSentAt && now - existing.confirmationSentAt.getTime() < CONFIRMATION_COOLDOWN_MS)
        return;
      const token = newToken();
      const request = {
        pending: { language: input.language, serviceIds: services.map((service) => service.id) },
        confirmTokenHash: tokenHash(token),
        confirmExpiresAt: new Date(now + SUBSCRIPTION_LINK_VALID_MS),
        sentAt: new Date(now),
      };
      const id = existing?.id ?? randomUUID();
      if (existing) await this.subscribers.request(transaction, id, request);
      else
        await this.subscribers.insert(transaction, {
          id,
          email,
          language: input.language,
          serviceIds: [],
          confirmedAt: null,
          pending: request.pending,
          confirmTokenHash: request.confirmTokenHash,
          confirmExpiresAt: request.confirmExpiresAt,
          confirmationSentAt: request.sentAt,
          unsubscribeToken: newToken(),
          createdAt: new Date(now),
        });
      const names = services.map((service) => inLanguage(input.language, service.name, service.nameEn));
      const mail = renderMail(subscriptionConfirmationTemplate, input.language, {
        services: names.length > 0 ? names.join(input.language === 'en' ? ', ' : '、') : ALL_SERVICES[input.language],
        confirmUrl: this.url(`/status/subscriptions/confirm/${token}`),
        expiresAt: formatNoticeTime(request.confirmExpiresAt.getTime(), zone, input.language),
        statusUrl: this.url('/status'),
      });
      await this.outbox.write(transaction, { to: [email], ...mail }, `status-subscription.${request.confirmTokenHash}`);
      await this.record(transaction, context, 'status-subscription.request', id, {
        email,
        language: input.language,
        serviceIds: request.pending.serviceIds,
      });
    });
  }

  /** What the confirmation link would put in force (the page shows it before the button). */
  async pendingRequest(token: string): Promise<SubscriptionView> {
    const subscriber = await this.subscribers.findByConfirmTokenHash(tokenHash(token));
    if (!subscriber || !this.stillValid(subscriber)) throw subscriptionLinkInvalid();
    return { ...viewOf(subscriber), ...subscriber.pending! };
  }

  /** Puts the request in force: notices go to the address from now on. */
  async confirm(context: RequestContext, token: string): Promise<SubscriptionView> {
    const now = this.clock.now();
    return this.unitOfWork.run(async (transaction) => {
      const subscriber = await this.subscribers.findByConfirmTokenHashForUpdate(transaction, tokenHash(token));
      if (!subscriber || !this.stillValid(subscriber)) throw subscriptionLinkInvalid();
      await this.subscribers.confirm(transaction, subscriber, new Date(now));
      await this.record(transaction, context, 'status-subscription.confirm', subscriber.id, {
        email: subscriber.email,
        ...subscriber.pending,
      });
      return { ...viewOf(subscriber), ...subscriber.pending!, confirmed: true };
    });
  }

  /** The subscription a notice's unsubscribe link stops, if it still exists. */
  async byUnsubscribeToken(token: string): Promise<SubscriptionView | null> {
    const subscriber = await this.subscribers.findByUnsubscribeToken(token);
    return subscriber ? viewOf(subscriber) : null;
  }

  /** Ends the subscription (RFC 8058 one-click, or the page's button); false when it had ended already. */
  async unsubscribe(context: RequestContext, token: string): Promise<boolean> {
    return this.unitOfWork.run(async (transaction) => {
      const removed = await this.subscribers.deleteByUnsubscribeToken(transaction, token);
      if (removed)
        await this.record(transaction, context, 'status-subscription.unsubscribe', removed.id, {
          email: removed.email,
        });
      return removed !== undefined;
    });
  }

  private stillValid(subscriber: StatusSubscriberEntity): boolean {
    return subscriber.pending !== null && (subscriber.confirmExpiresAt?.getTime() ?? 0) > this.clock.now();
  }

  private record(
    transaction: Transaction,
    context: RequestContext,
    action: string,
    id: string,
    summary: Record<string, unknown>,
  ) {
    return this.audit.record(transaction, context, {
      action,
      targetType: 'status_subscriber',
      targetId: id,
      summary,
    });
  }

  private url(path: string): string {
    return new URL(path, this.config.PUBLIC_BASE_URL).toString();
  }
}

function viewOf(subscriber: StatusSubscriberEntity): SubscriptionView {
  return {
    email: subscriber.email,
    language: subscriber.language,
    serviceIds: subscriber.serviceIds,
    confirmed: subscriber.confirmedAt !== null,
  };
}
