import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import type { PresenceState } from '../domain/call';
import type { PresenceInterval } from '../domain/presence-intervals';

/**
 * The PBX coverage horizon: how far the PBX has told us what happened — the last event it delivered
 * by file or line, or the last heartbeat of a connected live feed. Presence from the PBX holds up to
 * it and no further.
 */
export const PBX_HORIZON_SQL = `SELECT GREATEST((SELECT max(GREATEST(coverage_to, live_until)) FROM telephony_import),
  (SELECT max(at) FROM agent_presence_change WHERE source = 'pbx')) AS horizon`;

/**
 * Reads presence changes as intervals: each change lasts until the same agent's next one, and one
 * from the PBX no longer than the PBX horizon (what happened after it, the PBX has not told yet).
 */
@Injectable()
export class PresenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async pbxHorizon(): Promise<number | null> {
    const [row]: Array<{ horizon: Date | null }> = await this.dataSource.query(PBX_HORIZON_SQL);
    return row?.horizon ? new Date(row.horizon).getTime() : null;
  }

  async intervals(from: Date, to: Date, agents?: string[]): Promise<PresenceInterval[]> {
    const rows: Array<{
      agent: string;
      state: PresenceState;
      reason: string | null;
      started: Date;
      ended: Date | null;
    }> = await this.dataSource.query(
      `WITH horizon AS (${PBX_HORIZON_SQL})
       SELECT agent, state, reason, started, ended FROM (
           SELECT agent, state, reason, at AS started,
                  -- Offline needs no cap: after the horizon an agent counts as offline anyway.
                  CASE WHEN source = 'pbx' AND state <> 'offline' THEN LEAST(next, horizon) ELSE next END AS ended
             FROM (SELECT p.*, LEAD(at) OVER (PARTITION BY agent ORDER BY at, ordinal) AS next
                     FROM agent_presence_change p
                    WHERE at < $2 AND ($3::text[] IS NULL OR agent = ANY($3::text[]))) p, horizon
         ) changes
         WHERE (ended IS NULL OR ended > $1) AND (ended IS NULL OR ended > started)
         ORDER BY agent, started`,
      [from.toISOString(), to.toISOString(), agents ?? null],
    );
    return rows.map((row) => ({
      agent: row.agent,
      state: row.state,
      reason: row.reason,
      from: new Date(row.started).getTime(),
      to: row.ended === null ? null : new Date(row.ended).getTime(),
    }));
  }
}
