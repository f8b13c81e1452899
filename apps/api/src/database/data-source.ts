import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { validateConfig } from '@madoguchi/config';
import { databaseTargetFor, dataSourceOptionsFor } from '@madoguchi/database';
import { ENTITIES } from '@madoguchi/platform';

/**
 * For the TypeORM CLI only (`npm run migration:run|revert|generate`): the same target the app
 * would use, from DATABASE_URL or DATA_DIR.
 */
async function createCliDataSource(): Promise<DataSource> {
  const config = validateConfig(process.env);
  return new DataSource({ ...(await dataSourceOptionsFor(databaseTargetFor(config))), entities: ENTITIES });
}

export const dataSource = createCliDataSource();
