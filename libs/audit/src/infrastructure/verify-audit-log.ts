import type { DataSource } from 'typeorm';

import type { AppConfig } from '@madoguchi/config';

import { type ChainVerdict, verifyAuditChain } from '../domain/audit-chain';
import { AuditRepository } from './audit.repository';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditKeys } from './audit-keys';

/** Seals what is pending, then re-computes the whole keyed chain and compares it with the checkpoints. */
export async function verifySealedChain(
  repository: AuditRepository,
  keys: AuditKeys,
  checkpoints: AuditCheckpoints,
): Promise<ChainVerdict> {
  await repository.seal();
  return verifyAuditChain(repository.chain(), keys.all, await checkpoints.all());
}

/** What `npm run audit:verify` runs, with the keys and checkpoint folder of `config`. */
export function verifyAuditLog(dataSource: DataSource, config: AppConfig): Promise<ChainVerdict> {
  const keys = new AuditKeys(config);
  return verifySealedChain(new AuditRepository(dataSource, keys), keys, new AuditCheckpoints(config));
}

export function describeVerdict(verdict: ChainVerdict): string {
  if (verdict.ok) return `Audit log intact: ${verdict.checked} entries verified.`;
  const where = verdict.entryId === null ? '' : `entry ${verdict.entryId} `;
  return `Audit log TAMPERED: ${where}${verdict.reason}. ${verdict.checked} entries before it verified.`;
}
