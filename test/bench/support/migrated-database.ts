import { join } from 'node:path';

import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/* eslint-disable @typescript-eslint/no-require-imports */
const { dataSourceOptionsFor } = require(
  join(__dirname, '../../../dist/libs/database/src'),
) as typeof import('@madoguchi/database');
const { DataSource } = require('typeorm') as typeof import('typeorm');

/**
 * A fresh Postgres database with every migration applied, for the benchmarks (which run the
 * compiled app, so the migrations come from `dist` too); `test/support/services.ts` has the
 * same for tests, from the sources.
 */
export async function createMigratedBenchDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  const migrator = await new DataSource(
    await dataSourceOptionsFor({ kind: 'postgres', url: database.url }),
  ).initialize();
  await migrator.runMigrations();
  await migrator.destroy();
  return database;
}
