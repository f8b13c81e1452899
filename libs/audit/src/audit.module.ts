import { Global, Module } from '@nestjs/common';

import { AuditService } from './application/audit.service';
import { SealAuditConsumer } from './application/seal-audit.consumer';
import { AuditRepository } from './infrastructure/audit.repository';
import { AuditCheckpoints } from './infrastructure/audit-checkpoints';
import { AuditKeys } from './infrastructure/audit-keys';

@Global()
@Module({
  providers: [AuditKeys, AuditCheckpoints, AuditRepository, AuditService, SealAuditConsumer],
  exports: [AuditService],
})
export class AuditModule {}
