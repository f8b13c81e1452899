import { Global, Module } from '@nestjs/common';

import { AgentPresence } from './application/agent-presence';
import { CallLog } from './application/call-log';
import { CallQueries } from './application/call-queries';
import { DeskClosures } from './application/desk-closures';
import { LiveFeedUseCase } from './application/live-feed.use-case';
import { ReceiveImportUseCase } from './application/receive-import.use-case';
import { RunImportConsumer } from './application/run-import.consumer';
import { RunImportUseCase } from './application/run-import.use-case';
import { AgentLinkRepository } from './infrastructure/agent-link.repository';
import { CallRepository } from './infrastructure/call.repository';
import { CallImportRepository } from './infrastructure/call-import.repository';
import { DeskClosureRepository } from './infrastructure/desk-closure.repository';
import { LiveQueueRepository } from './infrastructure/live-queue.repository';
import { PresenceRepository } from './infrastructure/presence.repository';
import { TelephonyImportRepository } from './infrastructure/telephony-import.repository';

@Global()
@Module({
  providers: [
    CallImportRepository,
    PresenceRepository,
    LiveQueueRepository,
    CallRepository,
    AgentLinkRepository,
    DeskClosureRepository,
    TelephonyImportRepository,
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
