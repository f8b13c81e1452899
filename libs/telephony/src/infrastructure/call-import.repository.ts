import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { CallFacts, PresenceChange } from '../domain/call';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Serializes imports' merges: two files completing the same call must not read each other's stale row. */
const IMPORT_LOCK = 7_201_001;

/**
 * Writes what a batch of PBX lines said. A call is merged field by field with what earlier files
 * said (a later non-empty value wins; an ENTERQUEUE time beats one estimated from a wait), and only
 * rows that actually change are written, so re-importing a file is a no-op.
 */
@Injectable()
export class CallImportRepository {
  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [IMPORT_LOCK]);
  }

  /** Returns how many calls the batch created, and how many calls from earlier imports it changed. */
  async mergeCalls(
    manager: EntityManager,
    source: string,
    importId: string,
    calls: CallFacts[],
  ): Promise<{ created: number; updated: number }> {
    if (calls.length === 0) return { created: 0, updated: 0 };
    const rows: Array<{ inserted: boolean; mine: boolean }> = await manager.query(
      `WITH incoming AS (
         SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::boolean[],
                              $8::timestamptz[], $9::timestamptz[], $10::text[], $11::int[], $12::int[], $13::text[])
           AS t(pbx_call_id, queue, caller_number, entered_at, entered_at_estimated,
                answered_at, ended_at, outcome, wait_seconds, talk_seconds, agent)
       ), merged AS (
         SELECT i.pbx_call_id, c.id AS existing_id,
                COALESCE(i.queue, c.queue) AS queue,
                COALESCE(i.caller_number, c.caller_number) AS caller_number,
                CASE WHEN c.entered_at IS NULL OR (c.entered_at_estimated AND i.entered_at IS NOT NULL
                                                   AND NOT i.entered_at_estimated)
                     THEN i.entered_at ELSE c.entered_at END AS entered_at,
                CASE WHEN c.entered_at IS NULL OR (c.entered_at_estimated AND i.entered_at IS NOT NULL
                                                   AND NOT i.entered_at_estimated)
                     THEN i.entered_at_estimated ELSE c.entered_at_estimated END AS entered_at_estimated,
                COALESCE(i.answered_at, c.answered_at) AS answered_at,
                COALESCE(i.ended_at, c.ended_at) AS ended_at,
                COALESCE(i.outcome, c.outcome) AS outcome,
                COALESCE(i.wait_seconds, c.wait_seconds) AS wait_seconds,
                COALESCE(i.talk_seconds, c.talk_seconds) AS talk_seconds,
                COALESCE(i.agent, c.agent) AS agent,
                c.queue AS old_queue, c.caller_number AS old_caller_number, c.entered_at AS old_entered_at,
                c.entered_at_estimated AS old_entered_at_estimated, c.answered_at AS old_answered_at,
                c.ended_at AS old_ended_at, c.outcome AS old_outcome, c.wait_seconds AS old_wait_seconds,
                c.talk_seconds AS old_talk_seconds, c.agent AS old_agent
           FROM incoming i
           LEFT JOIN telephony_call c ON c.source = $1 AND c.pbx_call_id = i.pbx_call_id
       )
       INSERT INTO telephony_call AS c (id, source, pbx_call_id, queue, caller_number, entered_at,
              entered_at_estimated, answered_at, ended_at, outcome, wait_seconds, talk_seconds, agent, import_id)
       SELECT COALESCE(existing_id, gen_random_uuid()), $1, pbx_call_id, queue, caller_number, entered_at,
              entered_at_estimated, answered_at, ended_at, outcome, wait_seconds, talk_seconds, agent, $2::uuid
         FROM merged
        WHERE existing_id IS NULL
           OR (queue, caller_number, entered_at, entered_at_estimated, answered_at, ended_at, outcome,
               wait_seconds, talk_seconds, agent)
              IS DISTINCT FROM
              (old_queue, old_caller_number, old_entered_at, old_entered_at_estimated, old_answered_at,
               old_ended_at, old_outcome, old_wait_seconds, old_talk_seconds, old_agent)
       ON CONFLICT (source, pbx_call_id) DO UPDATE SET
              queue = EXCLUDED.queue, caller_number = EXCLUDED.caller_number, entered_at = EXCLUDED.entered_at,
              entered_at_estimated = EXCLUDED.entered_at_estimated, answered_at = EXCLUDED.answered_at,
              ended_at = EXCLUDED.ended_at, outcome = EXCLUDED.outcome, wait_seconds = EXCLUDED.wait_seconds,
              talk_seconds = EXCLUDED.talk_seconds, agent = EXCLUDED.agent, updated_at = now()
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
  async addPresence(manager: EntityManager, changes: PresenceChange[], source: 'pbx' | 'desk'): Promise<number> {
    if (changes.length === 0) return 0;
    const rows: unknown[] = await manager.query(
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
