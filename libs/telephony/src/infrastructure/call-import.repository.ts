import { Injectable } from '@nestjs/common';

import { managerOf, type Transaction } from '@madoguchi/database';

import type { CallFacts, PresenceChange } from '../domain/call';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An ENTERQUEUE time replaces one estimated from a wait; otherwise the first known time stays. */
const ENTERED_FROM_LOG = `c.entered_at IS NULL OR (c.entered_at_estimated AND EXCLUDED.entered_at IS NOT NULL
                         AND NOT EXCLUDED.entered_at_estimated)`;

const MERGED_COLUMNS = `queue, caller_number, entered_at, entered_at_estimated, answered_at, ended_at, outcome,
                        wait_seconds, talk_seconds, agent`;

/** Each column of a stored call merged with what the incoming lines say: a later non-empty value wins. */
const MERGED_VALUES = `COALESCE(EXCLUDED.queue, c.queue), COALESCE(EXCLUDED.caller_number, c.caller_number),
  CASE WHEN ${ENTERED_FROM_LOG} THEN EXCLUDED.entered_at ELSE c.entered_at END,
  CASE WHEN ${ENTERED_FROM_LOG} THEN EXCLUDED.entered_at_estimated ELSE c.entered_at_estimated END,
  COALESCE(EXCLUDED.answered_at, c.answered_at), COALESCE(EXCLUDED.ended_at, c.ended_at),
  COALESCE(EXCLUDED.outcome, c.outcome), COALESCE(EXCLUDED.wait_seconds, c.wait_seconds),
  COALESCE(EXCLUDED.talk_seconds, c.talk_seconds), COALESCE(EXCLUDED.agent, c.agent)`;

/**
 * Writes what a batch of PBX lines said. A call is merged field by field with what earlier files
 * said (a later non-empty value wins; an ENTERQUEUE time beats one estimated from a wait), and only
 * rows that actually change are written, so re-importing a file is a no-op. ON CONFLICT merges
 * against the latest committed row, so two imports completing the same call cannot lose a field.
 */
@Injectable()
export class CallImportRepository {
  /** Returns how many calls the batch created, and how many calls from earlier imports it changed. */
  async mergeCalls(
    transaction: Transaction,
    source: string,
    importId: string,
    calls: CallFacts[],
  ): Promise<{ created: number; updated: number }> {
    if (calls.length === 0) return { created: 0, updated: 0 };
    const rows: Array<{ inserted: boolean; mine: boolean }> = await managerOf(transaction).query(
      `INSERT INTO telephony_call AS c (id, source, pbx_call_id, queue, caller_number, entered_at,
              entered_at_estimated, answered_at, ended_at, outcome, wait_seconds, talk_seconds, agent, import_id)
       SELECT gen_random_uuid(), $1, t.*, $2::uuid
         FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::boolean[],
                     $8::timestamptz[], $9::timestamptz[], $10::text[], $11::int[], $12::int[], $13::text[])
           AS t(pbx_call_id, queue, caller_number, entered_at, entered_at_estimated,
                answered_at, ended_at, outcome, wait_seconds, talk_seconds, agent)
       ON CONFLICT (source, pbx_call_id) DO UPDATE
          SET (${MERGED_COLUMNS}) = (${MERGED_VALUES}), updated_at = now()
        WHERE (${MERGED_COLUMNS.replace(/(\w+)/g, 'c.$1')}) IS DISTINCT FROM (${MERGED_VALUES})
       RETURNING (xmax = 0) AS inserted, (c.import_id IS NOT DISTINCT FROM $2::uuid) AS mine`,
      [
        source,
        importId,
        calls.map((c) => c.pbxCallId),
        calls.map((c) => c.queue),
        calls.map((c) => c.callerNumber),
        calls.map((c) => iso(c.enteredAt)),
        calls.map((c) => c.enteredAtEstimated),
        calls.map((c) => iso(c.answeredAt)),
        calls.map((c) => iso(c.endedAt)),
        calls.map((c) => c.outcome),
        calls.map((c) => c.waitSeconds),
        calls.map((c) => c.talkSeconds),
        calls.map((c) => c.agent),
      ],
    );
    const created = rows.filter((row) => row.inserted).length;
    const updated = rows.filter((row) => !row.inserted && !row.mine).length;
    return { created, updated };
  }

  /** Returns how many changes were new. */
  async addPresence(transaction: Transaction, changes: PresenceChange[], source: 'pbx' | 'desk'): Promise<number> {
    if (changes.length === 0) return 0;
    const rows: unknown[] = await managerOf(transaction).query(
      `INSERT INTO agent_presence_change (agent, at, state, reason, ordinal, source)
       SELECT t.*, $6 FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::int[])
                       AS t(agent, at, state, reason, ordinal)
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [
        changes.map((c) => c.agent),
        changes.map((c) => iso(c.at)),
        changes.map((c) => c.state),
        changes.map((c) => c.reason),
        changes.map((c) => c.ordinal),
        source,
      ],
    );
    return rows.length;
  }
}
