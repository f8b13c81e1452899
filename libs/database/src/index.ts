export { type DatabaseTarget, databaseTargetFor, dataSourceOptionsFor, openPGlite } from './data-source-options';
export { DatabaseModule } from './database.module';
export { MIGRATIONS } from './migrations';
