import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DataSource } from 'typeorm';

// Jest's global setup runs outside its module mapper: the file itself, not `@madoguchi/database`.
import { databaseTargetFor, dataSourceOptionsFor } from '../../libs/database/src/data-source-options';

/** Where the run's migrated, empty PGlite database lives (set by the global setup). */
const TEMPLATE_ENV = 'MADOGUCHI_TEST_PGLITE_TEMPLATE';

/**
 * Migrates one empty embedded database for the whole run. Opening PGlite and running every
 * migration takes about 6 s; copying the result takes under 2, and each test app and application
 * spec would otherwise pay the 6 s itself.
 */
export async function createPgliteTemplate(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-template-'));
  const target = databaseTargetFor({ DATA_DIR: dataDir });
  const source = new DataSource(await dataSourceOptionsFor(target));
  await source.initialize();
  await source.runMigrations({ transaction: 'each' });
  await source.destroy();
  process.env[TEMPLATE_ENV] = dataDir;
}

export async function removePgliteTemplate(): Promise<void> {
  const dataDir = process.env[TEMPLATE_ENV];
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

/** Fills an empty DATA_DIR with the migrated database, when the run has one. */
export async function seedFromTemplate(dataDir: string): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (template) await cp(join(template, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
}
