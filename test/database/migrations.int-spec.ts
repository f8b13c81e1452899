import { DataSource } from 'typeorm';

import { dataSourceOptionsFor, MIGRATIONS } from '@madoguchi/database';
import { ENTITIES } from '@madoguchi/platform';

import { createTestDatabase, describeWithPostgres, TestDatabase } from '../support/services';
import { schemaSnapshot } from './schema-snapshot';

async function migrate(options: Awaited<ReturnType<typeof dataSourceOptionsFor>>) {
  const dataSource = await new DataSource({ ...options, entities: ENTITIES }).initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return { dataSource, applied };
}

describe('migrations', () => {
  it('apply to an empty PGlite database, and a second run applies nothing', async () => {
    const { dataSource, applied } = await migrate(await dataSourceOptionsFor({ kind: 'pglite', dataDir: 'memory://' }));
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));
    expect(await dataSource.runMigrations()).toEqual([]);
    // The mapped entities and the migrated schema agree: nothing left for migration:generate to do.
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    await dataSource.destroy();
  });

  describeWithPostgres('on Postgres', () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await createTestDatabase();
    });

    afterAll(async () => {
      await database?.drop();
    });

    it('leave the same schema as on PGlite', async () => {
      const onPostgres = await migrate(await dataSourceOptionsFor({ kind: 'postgres', url: database.url }));
      const onPGlite = await migrate(await dataSourceOptionsFor({ kind: 'pglite', dataDir: 'memory://' }));

      expect(onPostgres.applied.map((m) => m.name)).toEqual(onPGlite.applied.map((m) => m.name));
      const postgresSchema = await schemaSnapshot(onPostgres.dataSource);
      expect(postgresSchema.columns.length).toBeGreaterThan(0);
      expect(await schemaSnapshot(onPGlite.dataSource)).toEqual(postgresSchema);

      await onPostgres.dataSource.destroy();
      await onPGlite.dataSource.destroy();
    });
  });
});
