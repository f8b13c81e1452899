export { AgentPresence, deskAgentKey } from './application/agent-presence';
export { CallLog, type LoggedCallInput, type TicketFromCallInput } from './application/call-log';
export { type CallFilter, CallQueries } from './application/call-queries';
export { DeskClosures } from './application/desk-closures';
export { LiveFeedUseCase } from './application/live-feed.use-case';
export { IMPORT_CHUNK_BYTES, ReceiveImportUseCase } from './application/receive-import.use-case';
export { MAX_REPORTED_ERRORS, RunImportUseCase } from './application/run-import.use-case';
export { TELEPHONY_QUEUE } from './application/telephony.queue';
export { type CallView, type ImportView } from './application/telephony-views';
export {
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  type CallDirection,
  type CallFacts,
  type CallOutcome,
  PRESENCE_STATES,
  type PresenceState,
  SKIP_CODES,
} from './domain/call';
export { CALL_CSV_COLUMNS } from './domain/call-csv';
export { IMPORT_FORMATS, type ImportFormat, lineReader, UPLOAD_MISMATCHES } from './domain/import-format';
export { parseQueueLogLine } from './domain/queue-log';
export { AgentPresenceChangeEntity } from './infrastructure/agent-presence-change.entity';
export { DeskClosureEntity } from './infrastructure/desk-closure.entity';
export { PBX_HORIZON_SQL } from './infrastructure/presence.repository';
export { TelephonyAgentEntity } from './infrastructure/telephony-agent.entity';
export { TelephonyCallEntity } from './infrastructure/telephony-call.entity';
export { TelephonyImportEntity } from './infrastructure/telephony-import.entity';
export { TelephonyImportChunkEntity } from './infrastructure/telephony-import-chunk.entity';
export { TelephonyModule } from './telephony.module';
