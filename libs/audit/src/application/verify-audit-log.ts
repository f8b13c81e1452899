import type { DataSource } from 'typeorm';

import { type ChainVerdict, verifyAuditChain } from '../domain/audit-chain';
import { AuditRepository } from '../infrastructure/audit.repository';

/** Re-computes the whole hash chain from the database (what `npm run audit:verify` runs). */
export function verifyAuditLog(dataSource: DataSource): Promise<ChainVerdict> {
  return verifyAuditChain(new AuditRepository(dataSource).stream());
}

export function describeVerdict(verdict: ChainVerdict): string {
  return verdict.ok
    ? `Audit log intact: ${verdict.checked} entries verified.`
    : `Audit log TAMPERED: entry ${verdict.entryId} ${verdict.reason}. ${verdict.checked} entries before it verified.`;
}
