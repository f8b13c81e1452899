/**
 * The telephony library's domain: plain TypeScript, no framework or driver behind it. Other libraries'
 * domain code imports it as `@madoguchi/telephony/domain`; everything else takes it from the library's
 * index, which re-exports it.
 */
export {
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  type CallDirection,
  type CallFacts,
  type CallOutcome,
  PRESENCE_STATES,
  type PresenceState,
  SKIP_CODES,
  type SkipCode,
} from './call';
export { CALL_CSV_COLUMNS } from './call-csv';
export { IMPORT_FORMATS, type ImportFormat, lineReader, UPLOAD_MISMATCHES } from './import-format';
export { parseQueueLogLine } from './queue-log';
