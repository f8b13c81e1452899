import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';

import { type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';

import type { Clock, Principal, RequestContext, Role } from '@madoguchi/common';
import type { AppConfig } from '@madoguchi/config';
import { type IssuedToken, OrganizationService, principalOf, type SignInStep, UserService } from '@madoguchi/identity';
import { PlatformModule } from '@madoguchi/platform';
import { CallQueryService, ImportUploadService } from '@madoguchi/telephony';

import { deliveredMail } from './mail-folder';
import { testConfig } from './test-config';
import { waitFor } from './wait-for';

/** What an application spec works with: the services as the apps wire them, on a database of its own. */
export interface ApplicationUnderTest {
  config: AppConfig;
  get<T>(type: Type<T>): T;
  /** A request by `actor` (null: someone not signed in), as the HTTP layer would build it. */
  as(actor: Principal | null): RequestContext;
  /** Rows, for checking what a use case wrote (outbox messages, say). */
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  /** The audit entries of `action` (on `targetId`), oldest first. */
  audited(action: string, targetId?: string): Promise<Array<{ actorId: string | null; summary: unknown }>>;
  /** Every message the file mail transport wrote, once the outbox and the queue have nothing left due. */
  deliveredMail(): Promise<ParsedMail[]>;
  /** Imports Asterisk queue_log lines (see `queueLogFrom`) as `manager`, as an upload would, and waits for it. */
  importQueueLog(manager: Principal, lines: string[]): Promise<void>;
  organization(name?: string): Promise<string>;
  user(role: Role, options?: { organizationId?: string; name?: string; email?: string }): Promise<Principal>;
  close(): Promise<void>;
}

/**
 * The platform (every library's services, repositories and queues, no HTTP) on an empty embedded
 * database: the "medium" test of an application service — real SQL, real transactions, real
 * jobs in-process — called directly rather than through a controller.
 */
export async function startApplication(
  overrides: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<ApplicationUnderTest> {
  const config = await testConfig({ LOG_LEVEL: 'error', ...overrides }, { migrated: true });
  const context: INestApplicationContext = await NestFactory.createApplicationContext(
    PlatformModule.forRoot(config, options),
    { logger: false },
  );
  await context.init();
  const system: RequestContext = { actor: null, ip: '127.0.0.1', userAgent: 'application spec', requestId: null };
  let sequence = 0;
  return {
    config,
    get: (type) => context.get(type),
    as: (actor) => ({ ...system, actor }),
    query: (sql, parameters) => context.get(DataSource).query(sql, parameters),
    audited: (action, targetId) =>
      context.get(DataSource).query(
        `SELECT actor_id AS "actorId", summary FROM audit_event
          WHERE action = $1 AND ($2::text IS NULL OR target_id = $2) ORDER BY id`,
        [action, targetId ?? null],
      ),
    deliveredMail: () => deliveredMail(context, config.DATA_DIR),
    async importQueueLog(manager, lines) {
      const upload = await context
        .get(ImportUploadService)
        .receive({ ...system, actor: manager }, 'asterisk-queue-log', Readable.from(lines), null);
      const finished = async () =>
        ['completed', 'failed'].includes((await context.get(CallQueryService).importReport(upload.id)).status);
      await waitFor(finished, 'the queue_log import to finish');
    },
    async organization(name) {
      sequence += 1;
      const organization = await context.get(OrganizationService).create(system, { name: name ?? `組織${sequence}` });
      return organization.id;
    },
    async user(role, { organizationId, name, email } = {}) {
      sequence += 1;
      const user = await context.get(UserService).create(system, {
        email: email ?? `${role}-${sequence}@example.jp`,
        name: name ?? `${role} ${sequence}`,
        password: 'application spec passphrase',
        role,
        organizationId: organizationId ?? null,
      });
      return principalOf(user);
    },
    async close() {
      await context.close();
      await rm(config.DATA_DIR, { recursive: true, force: true });
    },
  };
}

/** The token of a password-only sign-in (the suites' users have no second factor). */
export function signedInToken(step: SignInStep): IssuedToken {
  if (step.step !== 'signed-in') throw new Error('expected a password-only sign-in, got a second-factor challenge');
  return step.issued;
}
