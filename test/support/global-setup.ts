import IORedis from 'ioredis';
import { Client } from 'pg';

import { createPgliteTemplate } from './pglite-template';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './service-urls';

async function reachable(probe: () => Promise<void>): Promise<string | undefined> {
  try {
    await probe();
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  }
}

/**
 * Probes Postgres and Redis once per run. Suites that need them skip with a notice when they are
 * down, unless REQUIRE_SERVICES=1 (CI), where a missing service fails the run.
 */
export default async function globalSetup(): Promise<void> {
  const postgresError = await reachable(async () => {
    const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    await client.connect();
    await client.end();
  });
  const redisError = await reachable(async () => {
    const redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0 });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  });
  const down = [
    postgresError && `Postgres at ${TEST_DATABASE_URL} (${postgresError})`,
    redisError && `Redis at ${TEST_REDIS_URL} (${redisError})`,
  ].filter(Boolean);
  if (down.length > 0 && process.env.REQUIRE_SERVICES === '1') {
    throw new Error(`REQUIRE_SERVICES=1 but these are unreachable: ${down.join('; ')}`);
  }
  if (down.length > 0) {
    console.warn(`\nNOTICE: skipping suites that need ${down.join('; ')}. Set REQUIRE_SERVICES=1 to fail instead.\n`);
  }
  await createPgliteTemplate();
  process.env.MADOGUCHI_TEST_POSTGRES = postgresError ? 'down' : 'up';
  process.env.MADOGUCHI_TEST_REDIS = redisError ? 'down' : 'up';
}
