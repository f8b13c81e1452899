import { randomBytes } from 'node:crypto';

import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

import { TEST_DATABASE_URL } from './service-urls';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function assertTestDatabase(name: string): void {
  // Never create or drop anything on a database that does not say it is for tests.
  if (!/test/i.test(name)) throw new Error(`Refusing to use database "${name}": its name does not contain "test"`);
}

/** A fresh, empty database of its own for one test file, dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = new URL(TEST_DATABASE_URL);
  assertTestDatabase(admin.pathname.slice(1));
  const name = `madoguchi_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const dropper = new Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * `createTestDatabase` with every migration applied, as `npm run migration:run` leaves it. The
 * caller passes `dataSourceOptionsFor`: tests take it from the sources, benchmarks from `dist`.
 */
export async function createMigratedDatabase(
  optionsFor: (target: { kind: 'postgres'; url: string }) => Promise<DataSourceOptions>,
): Promise<TestDatabase> {
  const database = await createTestDatabase();
  const migrator = await new DataSource(await optionsFor({ kind: 'postgres', url: database.url })).initialize();
  await migrator.runMigrations();
  await migrator.destroy();
  return database;
}
