export { type AuditAction, AuditService } from './application/audit.service';
export { AuditModule } from './audit.module';
export {
  auditEntryHash,
  type ChainedAuditEntry,
  type ChainVerdict,
  GENESIS_HASH,
  verifyAuditChain,
} from './domain/audit-chain';
export { AuditEventEntity } from './infrastructure/audit-event.entity';
export type { AuditFilter } from './infrastructure/audit.repository';
