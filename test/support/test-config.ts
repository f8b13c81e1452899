import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AppConfig, validateConfig } from '@madoguchi/config';

import { TEST_METRICS_TOKEN } from './metrics';
import { seedFromTemplate } from './pglite-template';

/**
 * A validated config for a test app: an empty DATA_DIR of its own, quiet logs, any port. With
 * `migrated`, the embedded database starts already migrated (a copy of the run's template) — what
 * every test wants except one that proves a first start.
 */
export async function testConfig(
  overrides: Record<string, string> = {},
  { migrated = false }: { migrated?: boolean } = {},
): Promise<AppConfig> {
  const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-e2e-'));
  if (migrated && !overrides.DATABASE_URL && !overrides.DATA_DIR) await seedFromTemplate(dataDir);
  return validateConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PORT: '0',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    // Suites sign in as the admin with a password; the second factor has its own suite (two-factor).
    SECOND_FACTOR_REQUIRED: 'none',
    ...overrides,
  });
}
