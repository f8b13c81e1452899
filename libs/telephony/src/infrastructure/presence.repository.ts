import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { PresenceState } from '../domain/call';
import type { PresenceInterval } from '../domain/presence-intervals';

/** Reads presence changes as intervals: each change lasts until the same agent's next one. */
@Injectable()
export class PresenceRepository {
  async intervals(manager: EntityManager, from: Date, to: Date, agents?: string[]): Promise<PresenceInterval[]> {
    const rows: Array<{
      agent: string;
      state: PresenceState;
      reason: string | null;
      started: Date;
      ended: Date | null;
    }> = await manager.query(
      `SELECT agent, state, reason, started, ended FROM (
           SELECT agent, state, reason, at AS started,
                  LEAD(at) OVER (PARTITION BY agent ORDER BY at, ordinal) AS ended
             FROM agent_presence_change
            WHERE at < $2 AND ($3::text[] IS NULL OR agent = ANY($3::text[]))
         ) changes
         WHERE ended IS NULL OR ended > $1
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
