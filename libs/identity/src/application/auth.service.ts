import { randomUUID } from 'node:crypto';

import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { Clock, type Principal, type RequestContext } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { type Transaction, UnitOfWork } from '@madoguchi/database';

import { invalidCredentials, signInStepExpired } from '../domain/identity.errors';
import { newOpaqueToken, tokenHash } from '../domain/tokens';
import { AccessTokenRepository } from '../infrastructure/access-token.repository';
import { DirectoryRepository } from '../infrastructure/directory.repository';
import { PasswordHasher } from '../infrastructure/password-hasher';
import { SecondFactorRepository } from '../infrastructure/second-factor.repository';
import type { UserEntity } from '../infrastructure/user.entity';
import { LoginThrottle } from './login-throttle.service';
import { type Enrolment, SecondFactorService } from './second-factor.service';
import { UserService } from './user.service';

export const LOGIN_FAILED = 'auth.login.failed';

export interface IssuedToken {
  token: string;
  tokenId: string;
  expiresAt: Date;
  principal: Principal;
}

/** What the password step leads to: signed in, or the second factor's challenge. */
export type SignInStep =
  | { step: 'signed-in'; issued: IssuedToken }
  | { step: 'second-factor'; challenge: string; expiresAt: Date; enrolment: Enrolment | null };

/** Why a password step failed, for the audit log (the client is told only that it failed). */
function failureReason(user: UserEntity | null, passwordMatches: boolean, organizationActive: boolean): string {
  if (!user) return 'unknown-email';
  if (!passwordMatches) return 'wrong-password';
  return user.active ? (organizationActive ? 'unknown' : 'inactive-organization') : 'inactive-user';
}

/** How long the step between the password and the code stays open. */
const CHALLENGE_MINUTES = 10;

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
    private readonly throttle: LoginThrottle,
    private readonly factors: SecondFactorRepository,
    private readonly secondFactors: SecondFactorService,
    private readonly clock: Clock,
  ) {}

  /**
   * The password step. The attempt is counted by the throttle before the password is checked (per
   * account, address and pair; every outcome audited), and the error never says whether the e-mail
   * exists. A user with a second factor, or whose role requires one, gets a short-lived challenge
   * instead of a token: only the challenge and a code sign in (`completeSecondFactor`).
   */
  async login(context: RequestContext, email: string, password: string, kind: 'api' | 'session'): Promise<SignInStep> {
    const normalizedEmail = email.trim().toLowerCase();
    const now = this.clock.now();
    const user = await this.directory.userByEmail(normalizedEmail);
    const reservation = await this.throttle.reserve(
      context,
      `password:${normalizedEmail}`,
      user?.id ?? null,
      new Date(now),
      {
        targetId: normalizedEmail,
        actorEmail: normalizedEmail,
      },
    );
    const passwordMatches = await this.hasher.verify(user?.passwordHash, password);
    const organizationActive = user ? await this.directory.organizationActive(user.organizationId) : false;
    if (!user || !passwordMatches || !user.active || !organizationActive) {
      await this.unitOfWork.run((transaction) =>
        this.audit.record(transaction, context, {
          action: LOGIN_FAILED,
          targetType: 'user',
          targetId: normalizedEmail,
          actorEmail: normalizedEmail,
          summary: { kind, reason: failureReason(user, passwordMatches, organizationActive) },
        }),
      );
      throw invalidCredentials();
    }
    await this.throttle.release(reservation);
    const factor = await this.factors.of(user.id);
    if (!factor?.confirmedAt && !this.secondFactors.requiredFor(user.role)) {
      return {
        step: 'signed-in',
        issued: await this.unitOfWork.run((transaction) => this.issue(transaction, context, user, kind)),
      };
    }
    return this.unitOfWork.run(async (transaction) => {
      // Required but not set up yet (a new admin): the challenge carries a secret to enrol.
      const enrolment = factor?.confirmedAt ? null : await this.secondFactors.begin(transaction, user);
      const challenge = newOpaqueToken();
      const expiresAt = new Date(now + CHALLENGE_MINUTES * 60_000);
      await this.factors.createChallenge(transaction, {
        id: randomUUID(),
        tokenHash: tokenHash(challenge),
        userId: user.id,
        kind,
        expiresAt,
      });
      await this.audit.record(transaction, context, {
        action: 'auth.login.password-accepted',
        targetType: 'user',
        targetId: user.id,
        actorEmail: user.email,
        summary: { kind, enrolling: enrolment !== null },
      });
      return { step: 'second-factor' as const, challenge, expiresAt, enrolment };
    });
  }

  /**
   * The second step: the challenge from the password step and a code from the authenticator app (or
   * a recovery code; the first code of an enrolment confirms it and answers the recovery codes).
   */
  async completeSecondFactor(
    context: RequestContext,
    challengeToken: string,
    code: string,
  ): Promise<{ issued: IssuedToken; recoveryCodes: string[] | null }> {
    const challenge = await this.factors.openChallenge(tokenHash(challengeToken), new Date(this.clock.now()));
    const user = challenge && (await this.directory.userById(challenge.userId));
    const factor = user && (await this.factors.of(user.id));
    if (!challenge || !user?.active || !factor || !(await this.directory.organizationActive(user.organizationId)))
      throw signInStepExpired();
    const enrolling = !factor.confirmedAt;
    const outcome = await this.secondFactors.checked(context, user, factor, code, async (transaction) => {
      if (!(await this.factors.closeChallenge(transaction, challenge.id, new Date(this.clock.now())))) return null;
      const recoveryCodes = enrolling ? await this.secondFactors.enrolled(transaction, context, user.id) : null;
      return { issued: await this.issue(transaction, context, user, challenge.kind), recoveryCodes };
    });
    if (!outcome) throw signInStepExpired();
    return outcome;
  }

  /** A token (or session) for the signed-in user, audited in the caller's transaction. */
  private async issue(
    transaction: Transaction,
    context: RequestContext,
    user: UserEntity,
    kind: 'api' | 'session',
  ): Promise<IssuedToken> {
    // Real time, not the app's clock: a token's expiry is checked against the database's clock.
    const now = new Date();
    const token = newOpaqueToken();
    const expiresAt = new Date(now.getTime() + this.config.AUTH_TOKEN_TTL_HOURS * 3_600_000);
    const principal = principalOf(user);
    const tokenId = randomUUID();
    const signedIn = { ...context, actor: principal };
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
}
