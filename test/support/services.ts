import { randomBytes } from 'node:crypto';

import { dataSourceOptionsFor } from '@madoguchi/database';

import { TEST_DATABASE_URL, TEST_REDIS_URL } from './service-urls';
import { createMigratedDatabase, createTestDatabase, type TestDatabase } from './test-database';

export { createTestDatabase, type TestDatabase };

export { TEST_DATABASE_URL, TEST_REDIS_URL };

const postgresUp = process.env.MADOGUCHI_TEST_POSTGRES !== 'down';
const redisUp = process.env.MADOGUCHI_TEST_REDIS !== 'down';

/** `describe` when Postgres answered the global probe, `describe.skip` otherwise. */
export const describeWithPostgres = postgresUp ? describe : describe.skip;
export const describeWithRedis = redisUp ? describe : describe.skip;
export const describeWithServices = postgresUp && redisUp ? describe : describe.skip;

/** A Redis key prefix of its own, so parallel test files never see each other's queues. */
export function uniqueQueuePrefix(): string {
  return `madoguchi-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** A fresh Postgres test database with every migration applied, as `npm run migration:run` leaves it. */
export function createMigratedTestDatabase(): Promise<TestDatabase> {
  return createMigratedDatabase(dataSourceOptionsFor);
}
