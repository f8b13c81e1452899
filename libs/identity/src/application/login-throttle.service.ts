import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { loginThrottled } from '../domain/identity.errors';
import { attemptVerdict, FAMILIAR_ADDRESS_DAYS, THROTTLE_WINDOW_MS } from '../domain/login-throttle';
import { AccessTokenRepository } from '../infrastructure/access-token.repository';
import { LoginThrottleRepository } from '../infrastructure/login-throttle.repository';

/** A counted attempt: released when its secret proves right, kept as a failure otherwise. */
export interface Reservation {
  id: string;
}

/**
 * Throttles guessing of passwords and second-factor codes. The decision and the count are one
 * serialised step per account and address: the attempt is counted as a failure before its secret
 * is checked, so forty parallel guesses check five, not forty.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly failures: LoginThrottleRepository,
    private readonly tokens: AccessTokenRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Refuses the attempt (429, audited) when a rule says so, else reserves it. `userId`: whose account
   * it is, when it exists — its familiar addresses are spared the account-wide rule.
   */
  async reserve(
    context: RequestContext,
    account: string,
    userId: string | null,
    now: Date,
    auditTarget: { targetId: string; actorEmail?: string },
  ): Promise<Reservation> {
    const familiarSince = new Date(now.getTime() - FAMILIAR_ADDRESS_DAYS * 86_400_000);
    const familiar =
      userId !== null && context.ip !== null && (await this.tokens.signedInFrom(userId, context.ip, familiarSince));
    const attempt = { account, address: context.ip, familiar };
    const outcome = await this.unitOfWork.run<Reservation | { retryAfterSeconds: number }>(async (transaction) => {
      const history = await this.failures.lockAndRead(
        transaction,
        attempt,
        new Date(now.getTime() - THROTTLE_WINDOW_MS),
      );
      const verdict = attemptVerdict(history, now);
      if (!verdict.blocked) return { id: await this.failures.reserve(transaction, attempt, now) };
      await this.audit.record(transaction, context, {
        action: 'auth.login.throttled',
        targetType: 'user',
        ...auditTarget,
        summary: { retryAfterSeconds: verdict.retryAfterSeconds, familiarAddress: familiar },
      });
      return { retryAfterSeconds: verdict.retryAfterSeconds };
    });
    if ('retryAfterSeconds' in outcome) throw loginThrottled(outcome.retryAfterSeconds);
    return outcome;
  }

  /** The secret was right: the attempt was no failure. */
  release(reservation: Reservation): Promise<void> {
    return this.failures.release(reservation.id);
  }
}
