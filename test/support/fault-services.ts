import { DataSource } from 'typeorm';

import { dataSourceOptionsFor } from '@madoguchi/database';

import { type OwnPostgres, startOwnPostgres } from './own-postgres';
import { type OwnRedis, startOwnRedis } from './own-redis';

/** A PostgreSQL server and a redis-server of a fault suite's own: stopped, flushed and killed at will. */
export interface FaultServices {
  pg: OwnPostgres;
  redis: OwnRedis;
  /** Creates database `name` on the suite's server, migrated as a release step would; its URL. */
  migratedDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startFaultServices(): Promise<FaultServices> {
  const [pg, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
  return {
    pg,
    redis,
    async migratedDatabase(name) {
      const server = await new DataSource({ type: 'postgres', url: pg.url }).initialize();
      await server.query(`CREATE DATABASE ${name}`);
      await server.destroy();
      const url = pg.url.replace(/\/postgres$/, `/${name}`);
      const migrator = await new DataSource(await dataSourceOptionsFor({ kind: 'postgres', url })).initialize();
      await migrator.runMigrations();
      await migrator.destroy();
      return url;
    },
    async stop() {
      await redis.kill();
      await pg.destroy();
    },
  };
}
