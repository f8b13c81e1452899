import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { type Extension, PGlite } from '@electric-sql/pglite';
import type { DataSourceOptions } from 'typeorm';

import { lockDataDir } from './infrastructure/data-dir-lock';
import { pgliteDriver } from './infrastructure/pglite-pool';
import { configurePgTypeParsers, pgliteParsers } from './infrastructure/type-parsers';
import { MIGRATIONS } from './migrations';

/** Where the data lives: a Postgres server, or PGlite files in a folder (`memory://` for none). */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export function databaseTargetFor(config: { DATABASE_URL?: string; DATA_DIR: string }): DatabaseTarget {
  return config.DATABASE_URL
    ? { kind: 'postgres', url: config.DATABASE_URL }
    : { kind: 'pglite', dataDir: join(resolve(config.DATA_DIR), 'pglite') };
}

// A subpath export, which this project's CommonJS module resolution cannot type: loaded by require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

export async function openPGlite(dataDir: string): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    // The lock sits beside the database files, in DATA_DIR itself.
    lockDataDir(dirname(dataDir));
  }
  return PGlite.create(dataDir, { parsers: pgliteParsers, extensions: { pg_trgm } });
}

/**
 * TypeORM options for either target. Both use TypeORM's postgres dialect, so SQL, migrations and
 * query builders are the same; only the connection differs. Schema changes come from migrations
 * only: `synchronize` stays off.
 */
export async function dataSourceOptionsFor(target: DatabaseTarget): Promise<DataSourceOptions> {
  const common = {
    type: 'postgres' as const,
    synchronize: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each' as const,
  };
  if (target.kind === 'postgres') {
    configurePgTypeParsers();
    return {
      ...common,
      url: target.url,
      poolSize: 10,
      applicationName: 'madoguchi',
      // JIT compiles expressions when the planner's cost estimate is high; for our report queries
      // that costs more (hundreds of ms) than the queries themselves.
      // A server that does not answer fails a request in seconds (503, retry) instead of holding it.
      extra: { options: '-c jit=off', connectionTimeoutMillis: 5000 },
    };
  }
  const db = await openPGlite(target.dataDir);
  return { ...common, driver: pgliteDriver(db), poolSize: 1 };
}
