import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AppConfig, validateConfig } from '@madoguchi/config';

/** A validated config for a test app: an empty DATA_DIR of its own, quiet logs, any port. */
export async function testConfig(overrides: Record<string, string> = {}): Promise<AppConfig> {
  const dataDir = await mkdtemp(join(tmpdir(), 'madoguchi-e2e-'));
  return validateConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: '0', ...overrides });
}
