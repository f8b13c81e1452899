export { AUDIT_QUEUE } from './application/audit.queue';
export { type AuditAction, AuditService } from './application/audit.service';
export { AuditModule } from './audit.module';
export {
  type AuditEntry,
  auditEntryHash,
  auditKey,
  type ChainedAuditEntry,
  type ChainVerdict,
  GENESIS_HASH,
  verifyAuditChain,
} from './domain/audit-chain';
export type { AuditFilter } from './infrastructure/audit.repository';
export { AuditEventEntity } from './infrastructure/audit-event.entity';
export { describeVerdict, verifyAuditLog } from './infrastructure/verify-audit-log';
