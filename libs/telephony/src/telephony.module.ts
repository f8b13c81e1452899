import { Global, Module } from '@nestjs/common';

import { AgentPresenceService } from './application/agent-presence.service';
import { CallLogService } from './application/call-log.service';
import { CallQueryService } from './application/call-query.service';
import { DeskClosureService } from './application/desk-closure.service';
import { ImportRunnerService } from './application/import-runner.service';
import { ImportUploadService } from './application/import-upload.service';
import { LiveFeedService } from './application/live-feed.service';
import { RunImportConsumer } from './application/run-import.consumer';
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
    ImportUploadService,
    ImportRunnerService,
    RunImportConsumer,
    LiveFeedService,
    CallQueryService,
    CallLogService,
    AgentPresenceService,
    DeskClosureService,
  ],
  exports: [
    ImportUploadService,
    ImportRunnerService,
    LiveFeedService,
    CallQueryService,
    CallLogService,
    AgentPresenceService,
    DeskClosureService,
  ],
})
export class TelephonyModule {}
