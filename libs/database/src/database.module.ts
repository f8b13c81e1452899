import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { EntitySchema } from 'typeorm';

import { AppConfig } from '@madoguchi/config';

import { databaseTargetFor, dataSourceOptionsFor } from './data-source-options';
import { DatabaseNotifications } from './infrastructure/database-notifications';
import { UnitOfWork } from './infrastructure/unit-of-work';

/**
 * The one TypeORM connection. Embedded mode (PGlite) migrates on start so that an empty DATA_DIR
 * just works; with DATABASE_URL, operators run `npm run migration:run` as a release step.
 */
@Module({})
export class DatabaseModule {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  static forRoot(entities: Array<Function | EntitySchema>): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [UnitOfWork, DatabaseNotifications],
      exports: [UnitOfWork, DatabaseNotifications],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const target = databaseTargetFor(config);
            return {
              ...(await dataSourceOptionsFor(target)),
              entities,
              migrationsRun: target.kind === 'pglite',
              logging: ['error', 'warn', 'migration'],
            };
          },
        }),
      ],
    };
  }
}
