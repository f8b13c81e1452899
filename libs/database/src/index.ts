export { type DatabaseTarget, databaseTargetFor, dataSourceOptionsFor, openPGlite } from './data-source-options';
export { DatabaseModule } from './database.module';
export { AtomicStatement, isUniqueViolation, type StatementRunner } from './infrastructure/atomic-statement';
export { changedRows } from './infrastructure/changed-rows';
export { DataDirInUseError, lockDataDir } from './infrastructure/data-dir-lock';
export { isDatabaseUnavailable } from './infrastructure/database-unavailable';
export { missingReference } from './infrastructure/missing-reference';
export { managerOf, runnerOf, Transaction, UnitOfWork } from './infrastructure/unit-of-work';
export { MIGRATIONS } from './migrations';
