import { Global, Module } from '@nestjs/common';

import { AgentPresence } from './application/agent-presence';
import { CallLog } from './application/call-log';
import { CallQueries } from './application/call-queries';
import { DeskClosures } from './application/desk-closures';
import { ReceiveImportUseCase } from './application/receive-import.use-case';
import { RunImportConsumer } from './application/run-import.consumer';
import { RunImportUseCase } from './application/run-import.use-case';
import { CallImportRepository } from './infrastructure/call-import.repository';
import { PresenceRepository } from './infrastructure/presence.repository';

@Global()
@Module({
  providers: [
    CallImportRepository,
    PresenceRepository,
    ReceiveImportUseCase,
    RunImportUseCase,
    RunImportConsumer,
    CallQueries,
    CallLog,
    AgentPresence,
    DeskClosures,
  ],
  exports: [ReceiveImportUseCase, RunImportUseCase, CallQueries, CallLog, AgentPresence, DeskClosures],
})
export class TelephonyModule {}
