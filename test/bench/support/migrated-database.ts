import { join } from 'node:path';

import { createMigratedDatabase, type TestDatabase } from '../../support/test-database';

/* eslint-disable @typescript-eslint/no-require-imports */
const { dataSourceOptionsFor } = require(
  join(__dirname, '../../../dist/libs/database/src'),
) as typeof import('@madoguchi/database');

/** A migrated Postgres database for the benchmarks, which run the compiled app: migrations from `dist` too. */
export function createMigratedBenchDatabase(): Promise<TestDatabase> {
  return createMigratedDatabase(dataSourceOptionsFor);
}
