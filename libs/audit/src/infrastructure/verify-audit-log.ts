import type { DataSource } from 'typeorm';

import { type ChainVerdict, verifyAuditChain } from '../domain/audit-chain';
import { AuditRepository } from './audit.repository';

/** Seals pending entries, then re-computes the whole hash chain (what `npm run audit:verify` runs). */
export async function verifyAuditLog(dataSource: DataSource): Promise<ChainVerdict> {
  const repository = new AuditRepository(dataSource);
  await repository.seal();
  return verifyAuditChain(repository.chain());
}

export function describeVerdict(verdict: ChainVerdict): string {
  return verdict.ok
    ? `Audit log intact: ${verdict.checked} entries verified.`
    : `Audit log TAMPERED: entry ${verdict.entryId} ${verdict.reason}. ${verdict.checked} entries before it verified.`;
}
