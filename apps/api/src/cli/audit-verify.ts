import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { describeVerdict, verifyAuditLog } from '@madoguchi/audit';
import { validateConfig } from '@madoguchi/config';
import { databaseTargetFor, dataSourceOptionsFor } from '@madoguchi/database';
import { ENTITIES } from '@madoguchi/platform';

/** `npm run audit:verify`: exit 0 when the audit chain is intact, 1 naming the first bad entry. */
async function main(): Promise<void> {
  const config = validateConfig(process.env);
  const options = await dataSourceOptionsFor(databaseTargetFor(config));
  const dataSource = await new DataSource({ ...options, entities: ENTITIES }).initialize();
  try {
    const verdict = await verifyAuditLog(dataSource, config);
    console.log(describeVerdict(verdict));
    process.exitCode = verdict.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
