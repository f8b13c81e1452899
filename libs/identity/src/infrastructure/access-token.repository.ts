import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

import { AccessTokenEntity } from './access-token.entity';
import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

export type NewAccessToken = Pick<
  AccessTokenEntity,
  'id' | 'userId' | 'tokenHash' | 'kind' | 'expiresAt' | 'ip' | 'userAgent'
>;

/** `access_token`: API tokens and web sessions, stored as hashes. */
@Injectable()
export class AccessTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the token and stamps its user's last sign-in. */
  async issue(transaction: Transaction, token: NewAccessToken, signedInAt: Date): Promise<void> {
    const manager = managerOf(transaction);
    await manager.insert(AccessTokenEntity, token);
    await manager.update(UserEntity, { id: token.userId }, { lastLoginAt: signedInAt });
  }

  async revoke(transaction: Transaction, id: string): Promise<void> {
    await managerOf(transaction).update(AccessTokenEntity, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every open session and token of the user. */
  async revokeAllOf(transaction: Transaction, userId: string): Promise<void> {
    await managerOf(transaction).query(
      `UPDATE access_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
  }

  /** Ends every open session and token of the organization's contacts. */
  async revokeAllOfOrganization(transaction: Transaction, organizationId: string): Promise<void> {
    await managerOf(transaction).query(
      `UPDATE access_token SET revoked_at = now()
         WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM app_user WHERE organization_id = $1)`,
      [organizationId],
    );
  }

  /** The live token with this hash (not revoked, not expired, its user and their organization active), with its user. */
  live(hash: string): Promise<(AccessTokenEntity & { user: UserEntity }) | null> {
    return this.dataSource
      .getRepository(AccessTokenEntity)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.user', 'u')
      .where('t.tokenHash = :hash', { hash })
      .andWhere('t.revokedAt IS NULL')
      .andWhere('t.expiresAt > now()')
      .andWhere('u.active = true')
      .leftJoin(OrganizationEntity, 'o', 'o.id = u.organizationId')
      .andWhere('(u.organizationId IS NULL OR o.active = true)')
      .getOne() as Promise<(AccessTokenEntity & { user: UserEntity }) | null>;
  }

  /** Whether the user completed a sign-in from this address since then (the throttle's familiar address). */
  async signedInFrom(userId: string, ip: string, since: Date): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM access_token WHERE user_id = $1 AND ip = $2 AND created_at > $3 LIMIT 1`,
      [userId, ip, since],
    )) as unknown[];
    return rows.length > 0;
  }
}
