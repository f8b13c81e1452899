import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { AuditService } from '@madoguchi/audit';
import { Clock } from '@madoguchi/common';

import { type AuthenticatedRequest, requestContextOf } from '../auth/auth-request';
import type { ProblemDetails } from '../http/problem-details';

/** Entries per address per minute (per process): enough to see a probe, too few to flood the log. */
const PER_ADDRESS_PER_MINUTE = 10;

/** Refusals the sign-in already audits in its own words. */
const AUDITED_ELSEWHERE = new Set([
  'auth.invalid-credentials',
  'auth.too-many-attempts',
  'auth.second-factor-invalid',
  'auth.challenge-expired',
]);

/**
 * Permission denials in the audit log: every 401 and 403 (a missing or refused sign-in, a role too
 * low, a refused CSRF token, a wrong machine token) and a signed-in user's 404 on a route (probing
 * another organization's ids). Rate-limited per address; the next entry says how many were left out.
 */
@Injectable()
export class DenialLog {
  private readonly logger = new Logger(DenialLog.name);
  private readonly windows = new Map<string, { startedAt: number; recorded: number; leftOut: number }>();

  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Records the refusal when it is a denial; never throws (the answer goes out whatever happens here). */
  note(request: FastifyRequest, problem: ProblemDetails): void {
    if (!this.isDenial(request as AuthenticatedRequest, problem)) return;
    const leftOut = this.countedAgainst(request.ip ?? 'unknown');
    if (leftOut === null) return;
    const route = request.routeOptions.url ?? null;
    this.audit
      .recordOnItsOwn(requestContextOf(request as AuthenticatedRequest), {
        action: 'auth.denied',
        targetType: 'route',
        targetId: `${request.method} ${route ?? request.url.split('?')[0]!.slice(0, 200)}`,
        summary: { status: problem.status, code: problem.code, ...(leftOut > 0 ? { leftOutBefore: leftOut } : {}) },
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'a denial could not be audited'));
  }

  /**
   * Counts the denial against its address's minute: null when the minute's entries are spent (it is
   * left out, and counted), else how many were left out since the last entry.
   */
  private countedAgainst(address: string): number | null {
    const now = this.clock.now();
    const previous = this.windows.get(address);
    const window =
      previous && now - previous.startedAt < 60_000
        ? previous
        : { startedAt: now, recorded: 0, leftOut: previous?.leftOut ?? 0 };
    // Addresses of a minute ago no longer matter: the map never outgrows one busy minute.
    if (window !== previous && this.windows.size > 10_000) this.windows.clear();
    this.windows.set(address, window);
    if (window.recorded >= PER_ADDRESS_PER_MINUTE) {
      window.leftOut += 1;
      return null;
    }
    window.recorded += 1;
    const leftOut = window.leftOut;
    window.leftOut = 0;
    return leftOut;
  }

  private isDenial(request: AuthenticatedRequest, problem: ProblemDetails): boolean {
    if (AUDITED_ELSEWHERE.has(problem.code)) return false;
    if (problem.status === 401 || problem.status === 403) return true;
    return problem.status === 404 && request.auth !== undefined && request.routeOptions.url !== undefined;
  }
}
