import { Global, Module } from '@nestjs/common';

import { AgentPresence } from './application/agent-presence';
import { CallLog } from './application/call-log';
import { CallQueries } from './application/call-queries';
import { DeskClosures } from './application/desk-closures';
import { LiveFeedUseCase } from './application/live-feed.use-case';
import { ReceiveImportUseCase } from './application/receive-import.use-case';
import { RunImportConsumer } from './application/run-import.consumer';
import { RunImportUseCase } from './application/run-import.use-case';
import { CallImportRepository } from './infrastructure/call-import.repository';
import { LiveQueueRepository } from './infrastructure/live-queue.repository';
import { PresenceRepository } from './infrastructure/presence.repository';

@Global()
@Module({
  providers: [
    CallImportRepository,
    PresenceRepository,
    LiveQueueRepository,
    ReceiveImportUseCase,
    RunImportUseCase,
    RunImportConsumer,
    LiveFeedUseCase,
    CallQueries,
    CallLog,
    AgentPresence,
    DeskClosures,
  ],
  exports: [ReceiveImportUseCase, RunImportUseCase, LiveFeedUseCase, CallQueries, CallLog, AgentPresence, DeskClosures],
})
export class TelephonyModule {}
