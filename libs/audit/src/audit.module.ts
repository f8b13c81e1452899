import { Global, Module } from '@nestjs/common';

import { AuditService } from './application/audit.service';
import { SealAuditConsumer } from './application/seal-audit.consumer';
import { AuditRepository } from './infrastructure/audit.repository';

@Global()
@Module({ providers: [AuditRepository, AuditService, SealAuditConsumer], exports: [AuditService] })
export class AuditModule {}
