import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { changedRows, managerOf, type Transaction } from '@madoguchi/database';

import { type PendingSubscription, StatusSubscriberEntity } from './subscriber.entities';

/** The status page's subscribers: requests waiting for their confirmation, and confirmed subscriptions. */
@Injectable()
export class StatusSubscriberRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The address's subscription, locked for the caller's transaction. */
  findByEmailForUpdate(transaction: Transaction, email: string): Promise<StatusSubscriberEntity | null> {
    return this.lockedWhere(transaction, 's.email = :email', { email });
  }

  findByConfirmTokenHash(hash: string): Promise<StatusSubscriberEntity | null> {
    return this.dataSource.manager.findOneBy(StatusSubscriberEntity, { confirmTokenHash: hash });
  }

  /** The request the link's hash names, locked for the caller's transaction. */
  findByConfirmTokenHashForUpdate(transaction: Transaction, hash: string): Promise<StatusSubscriberEntity | null> {
    return this.lockedWhere(transaction, 's.confirmTokenHash = :hash', { hash });
  }

  findByUnsubscribeToken(token: string): Promise<StatusSubscriberEntity | null> {
    return this.dataSource.manager.findOneBy(StatusSubscriberEntity, { unsubscribeToken: token });
  }

  async insert(transaction: Transaction, subscriber: StatusSubscriberEntity): Promise<void> {
    await managerOf(transaction).insert(StatusSubscriberEntity, subscriber);
  }

  /** A new request on the address: what it asks for and its link, until confirmed. */
  async request(
    transaction: Transaction,
    id: string,
    request: { pending: PendingSubscription; confirmTokenHash: string; confirmExpiresAt: Date; sentAt: Date },
  ): Promise<void> {
    await managerOf(transaction).update(
      StatusSubscriberEntity,
      { id },
      {
        pending: request.pending,
        confirmTokenHash: request.confirmTokenHash,
        confirmExpiresAt: request.confirmExpiresAt,
        confirmationSentAt: request.sentAt,
      },
    );
  }

  /** What the request asked for is in force from `at` (the first confirmation's time is kept). */
  async confirm(transaction: Transaction, subscriber: StatusSubscriberEntity, at: Date): Promise<void> {
    await managerOf(transaction).update(
      StatusSubscriberEntity,
      { id: subscriber.id },
      {
        language: subscriber.pending!.language,
        serviceIds: subscriber.pending!.serviceIds,
        confirmedAt: subscriber.confirmedAt ?? at,
        pending: null,
        confirmTokenHash: null,
        confirmExpiresAt: null,
      },
    );
  }

  /** Removes the subscription the token stops; its address, or undefined when there is none. */
  async deleteByUnsubscribeToken(
    transaction: Transaction,
    token: string,
  ): Promise<{ id: string; email: string } | undefined> {
    const [row] = await changedRows<{ id: string; email: string }>(
      managerOf(transaction),
      `DELETE FROM status_subscriber WHERE unsubscribe_token = $1 RETURNING id, email`,
      [token],
    );
    return row;
  }

  private lockedWhere(transaction: Transaction, condition: string, parameters: Record<string, string>) {
    return managerOf(transaction)
      .createQueryBuilder(StatusSubscriberEntity, 's')
      .setLock('pessimistic_write')
      .where(condition, parameters)
      .getOne();
  }
}
