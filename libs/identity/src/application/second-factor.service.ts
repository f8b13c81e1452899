import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { Clock, type Principal, type RequestContext, type Role } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { type Transaction, UnitOfWork } from '@madoguchi/database';

import {
  invalidSecondFactorCode,
  secondFactorAlreadyEnrolled,
  secondFactorNotEnrolled,
  secondFactorRequired,
  userNotFound,
} from '../domain/identity.errors';
import {
  base32Encode,
  matchingTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  normalizedRecoveryCode,
  otpauthUri,
} from '../domain/totp';
import { AccessTokenRepository } from '../infrastructure/access-token.repository';
import { DirectoryRepository } from '../infrastructure/directory.repository';
import { SecondFactorRepository, type StoredSecondFactor } from '../infrastructure/second-factor.repository';
import { SecretBox } from '../infrastructure/secret-box';
import { LoginThrottle } from './login-throttle.service';

/** What an authenticator app needs to be set up: the secret, as text and as the QR code's URI. */
export interface Enrolment {
  secret: string;
  otpauthUri: string;
}

export interface SecondFactorStatus {
  enrolled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

const ISSUER = 'Madoguchi';
const hashOf = (code: string) => createHash('sha256').update(normalizedRecoveryCode(code)).digest('hex');

/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238) and single-use recovery codes:
 * enrolment, the code check every sign-in makes, removal, and an admin's reset. Every code is
 * throttled like a password, and every step is audited.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly factors: SecondFactorRepository,
    private readonly box: SecretBox,
    private readonly throttle: LoginThrottle,
    private readonly directory: DirectoryRepository,
    private readonly tokens: AccessTokenRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Whether this role must sign in with a second factor (SECOND_FACTOR_REQUIRED). */
  requiredFor(role: Role): boolean {
    const rule = this.config.SECOND_FACTOR_REQUIRED;
    return role === 'admin' ? rule !== 'none' : rule === 'staff' && role !== 'customer';
  }

  /** A user's second factor: their own (the account page), or anyone's for an admin (the user page). */
  async status(user: Pick<Principal, 'userId' | 'role'>): Promise<SecondFactorStatus> {
    const factor = await this.factors.of(user.userId);
    return {
      enrolled: Boolean(factor?.confirmedAt),
      required: this.requiredFor(user.role),
      recoveryCodesLeft: factor?.confirmedAt ? await this.factors.unusedRecoveryCodes(user.userId) : 0,
    };
  }

  /** A fresh secret to scan; it counts once a code from it is confirmed. */
  async begin(transaction: Transaction, user: { id: string; email: string }): Promise<Enrolment> {
    const current = await this.factors.of(user.id, transaction);
    if (current?.confirmedAt) throw secondFactorAlreadyEnrolled();
    const secret = newTotpSecret();
    await this.factors.begin(transaction, user.id, this.box.seal(secret), new Date(this.clock.now()));
    return { secret: base32Encode(secret), otpauthUri: otpauthUri(secret, user.email, ISSUER) };
  }

  /** From the account page: a new secret for the signed-in user. */
  beginFor(context: RequestContext): Promise<Enrolment> {
    const actor = context.actor!;
    return this.unitOfWork.run((transaction) => this.begin(transaction, { id: actor.userId, email: actor.email }));
  }

  /** Confirms enrolment with the first code from the app; answers the recovery codes (shown once). */
  async confirm(context: RequestContext, code: string): Promise<string[]> {
    const userId = context.actor!.userId;
    const factor = await this.factors.of(userId);
    if (!factor) throw secondFactorNotEnrolled();
    if (factor.confirmedAt) throw secondFactorAlreadyEnrolled();
    return this.checked(context, { id: userId, email: context.actor!.email }, factor, code, async (transaction) =>
      this.enrolled(transaction, context, userId),
    );
  }

  /**
   * Checks a code (throttled per user, audited when wrong) and, when it is right, runs `then` in the
   * transaction that spends it: a code works once, even when sent twice at the same moment.
   * Recovery codes count only once the factor is confirmed.
   */
  async checked<T>(
    context: RequestContext,
    user: { id: string; email: string },
    factor: StoredSecondFactor,
    code: string,
    then: (transaction: Transaction, usedRecoveryCode: boolean) => Promise<T>,
  ): Promise<T> {
    const now = this.clock.now();
    const userId = user.id;
    const reservation = await this.throttle.reserve(context, `second-factor:${userId}`, userId, new Date(now), {
      targetId: userId,
      actorEmail: user.email,
    });
    const step = matchingTotpStep(this.box.open(factor.secret), code, now);
    const outcome = await this.unitOfWork.run(async (transaction) => {
      if (step !== null && (await this.factors.spendStep(transaction, userId, step, new Date(now))))
        return { value: await then(transaction, false) };
      if (step === null && factor.confirmedAt) {
        if (await this.factors.spendRecoveryCode(transaction, userId, hashOf(code), new Date(now))) {
          await this.audit.record(transaction, context, {
            action: 'auth.second-factor.recovery-code-used',
            targetType: 'user',
            targetId: userId,
            actorEmail: user.email,
          });
          return { value: await then(transaction, true) };
        }
      }
      return null;
    });
    if (outcome) {
      await this.throttle.release(reservation);
      return outcome.value;
    }
    await this.unitOfWork.run((transaction) =>
      this.audit.record(transaction, context, {
        action: 'auth.second-factor.failed',
        targetType: 'user',
        targetId: userId,
        actorEmail: user.email,
        // A reused code is told apart from a wrong one in the log (not to the client).
        summary: { reason: step === null ? 'wrong-code' : 'code-already-used' },
      }),
    );
    throw invalidSecondFactorCode();
  }

  /** The factor is confirmed: new recovery codes replace any old ones; audited. */
  async enrolled(transaction: Transaction, context: RequestContext, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await this.factors.replaceRecoveryCodes(transaction, userId, codes.map(hashOf));
    await this.audit.record(transaction, context, {
      action: 'auth.second-factor.enrol',
      targetType: 'user',
      targetId: userId,
      summary: { recoveryCodes: codes.length },
    });
    return codes;
  }

  /** The user removes their own factor, proving it with a current code; not when their role requires one. */
  async remove(context: RequestContext, code: string): Promise<void> {
    const actor = context.actor!;
    if (this.requiredFor(actor.role)) throw secondFactorRequired();
    const factor = await this.factors.of(actor.userId);
    if (!factor?.confirmedAt) throw secondFactorNotEnrolled();
    await this.checked(context, { id: actor.userId, email: actor.email }, factor, code, async (transaction) => {
      await this.factors.remove(transaction, actor.userId);
      await this.audit.record(transaction, context, {
        action: 'auth.second-factor.remove',
        targetType: 'user',
        targetId: actor.userId,
      });
    });
  }

  /**
   * An admin resets someone's factor (a lost phone): removed, their sessions ended, audited. They set
   * up a new one at their next sign-in when their role requires it.
   */
  async reset(context: RequestContext, userId: string): Promise<void> {
    await this.unitOfWork.run(async (transaction) => {
      const user = await this.directory.userForUpdate(transaction, userId);
      if (!user) throw userNotFound(userId);
      if (!(await this.factors.remove(transaction, userId))) throw secondFactorNotEnrolled();
      await this.tokens.revokeAllOf(transaction, userId);
      await this.audit.record(transaction, context, {
        action: 'auth.second-factor.reset',
        targetType: 'user',
        targetId: userId,
      });
    });
  }
}
