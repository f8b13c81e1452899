import { randomUUID } from 'node:crypto';

import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import type { Principal, RequestContext } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { UnitOfWork } from '@madoguchi/database';

import { invalidCredentials, loginThrottled } from '../domain/identity.errors';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, throttleVerdict } from '../domain/login-throttle';
import { newOpaqueToken, tokenHash } from '../domain/tokens';
import { AccessTokenRepository } from '../infrastructure/access-token.repository';
import { DirectoryRepository } from '../infrastructure/directory.repository';
import { PasswordHasher } from '../infrastructure/password-hasher';
import type { UserEntity } from '../infrastructure/user.entity';
import { UserService } from './user.service';

export const LOGIN_FAILED = 'auth.login.failed';

export interface IssuedToken {
  token: string;
  tokenId: string;
  expiresAt: Date;
  principal: Principal;
}

export interface AuthenticatedToken {
  principal: Principal;
  tokenId: string;
  kind: 'api' | 'session';
}

export function principalOf(user: UserEntity): Principal {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organizationId,
    language: user.language,
  };
}

/** Signing in and out, and recognising a token on later requests. */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly directory: DirectoryRepository,
    private readonly tokens: AccessTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly users: UserService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Checks throttling first (per account and per address), then the password; every outcome is
   * audited. The error never says whether the e-mail exists.
   */
  async login(context: RequestContext, email: string, password: string, kind: 'api' | 'session'): Promise<IssuedToken> {
    const normalizedEmail = email.trim().toLowerCase();
    const now = new Date();
    await this.refuseWhenThrottled(context, normalizedEmail, now);

    const user = await this.directory.userByEmail(normalizedEmail);
    const passwordMatches = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !passwordMatches || !user.active) {
      await this.unitOfWork.run((transaction) =>
        this.audit.record(transaction, context, {
          action: LOGIN_FAILED,
          targetType: 'user',
          targetId: normalizedEmail,
          actorEmail: normalizedEmail,
          summary: { kind, reason: !user ? 'unknown-email' : !passwordMatches ? 'wrong-password' : 'inactive-user' },
        }),
      );
      throw invalidCredentials();
    }

    const token = newOpaqueToken();
    const expiresAt = new Date(now.getTime() + this.config.AUTH_TOKEN_TTL_HOURS * 3_600_000);
    const principal = principalOf(user);
    const tokenId = randomUUID();
    const signedIn = { ...context, actor: principal };
    await this.unitOfWork.run(async (transaction) => {
      await this.tokens.issue(
        transaction,
        {
          id: tokenId,
          userId: user.id,
          tokenHash: tokenHash(token),
          kind,
          expiresAt,
          ip: context.ip,
          userAgent: context.userAgent?.slice(0, 500) ?? null,
        },
        now,
      );
      await this.audit.record(transaction, signedIn, {
        action: 'auth.login.succeeded',
        targetType: 'user',
        targetId: user.id,
        summary: { kind },
      });
      await this.audit.record(transaction, signedIn, {
        action: 'auth.token.create',
        targetType: 'access_token',
        targetId: tokenId,
        summary: { kind, expiresAt: expiresAt.toISOString() },
      });
    });
    return { token, tokenId, expiresAt, principal };
  }

  async logout(context: RequestContext, tokenId: string): Promise<void> {
    await this.unitOfWork.run(async (transaction) => {
      await this.tokens.revoke(transaction, tokenId);
      await this.audit.record(transaction, context, {
        action: 'auth.logout',
        targetType: 'access_token',
        targetId: tokenId,
      });
    });
  }

  /** The principal behind a presented token, or null when it is unknown, expired, revoked or its user inactive. */
  async authenticate(token: string): Promise<AuthenticatedToken | null> {
    const row = await this.tokens.live(tokenHash(token));
    return row ? { principal: principalOf(row.user), tokenId: row.id, kind: row.kind } : null;
  }

  /** First start with no users: create the admin from INITIAL_ADMIN_EMAIL / INITIAL_ADMIN_PASSWORD. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.directory.countUsers()) > 0) return;
    const { INITIAL_ADMIN_EMAIL: email, INITIAL_ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) {
      this.logger.warn(
        'No user exists yet. Set INITIAL_ADMIN_EMAIL and INITIAL_ADMIN_PASSWORD (12+ characters) and restart to create the first admin, or run `npm run demo`.',
      );
      return;
    }
    const created = await this.users.createFirstUser(
      { actor: null, ip: null, userAgent: 'initial-admin', requestId: null },
      { email, password, name: 'Administrator', role: 'admin' },
    );
    // Another process starting at the same moment may have created it first: then there is nothing to do.
    if (created) this.logger.log(`Created the initial admin ${email}`);
  }

  private async refuseWhenThrottled(context: RequestContext, email: string, now: Date): Promise<void> {
    const since = new Date(now.getTime() - Math.max(ACCOUNT_THROTTLE.windowMs, ADDRESS_THROTTLE.windowMs));
    const byAccount = await this.audit.occurrences(LOGIN_FAILED, { targetId: email }, since);
    const byAddress = context.ip ? await this.audit.occurrences(LOGIN_FAILED, { ip: context.ip }, since) : [];
    const verdicts = [
      throttleVerdict(byAccount, ACCOUNT_THROTTLE, now),
      throttleVerdict(byAddress, ADDRESS_THROTTLE, now),
    ];
    const retryAfterSeconds = Math.max(0, ...verdicts.map((v) => (v.blocked ? v.retryAfterSeconds : 0)));
    if (retryAfterSeconds === 0) return;
    await this.unitOfWork.run((transaction) =>
      this.audit.record(transaction, context, {
        action: 'auth.login.throttled',
        targetType: 'user',
        targetId: email,
        actorEmail: email,
        summary: { retryAfterSeconds },
      }),
    );
    throw loginThrottled(retryAfterSeconds);
  }
}
