import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * A call that entered the queue longer ago than this and has neither been answered nor ended is
 * taken to be a gap in the log (its end never reached us), not a caller still waiting.
 */
export const LONGEST_CREDIBLE_WAIT_SECONDS = 3600;

/** A conversation still open after this long is taken to be a missing end line, not a call in progress. */
export const LONGEST_CREDIBLE_CALL_SECONDS = 4 * 3600;

/** The queue as it stands at an instant: who is waiting, and which agents are talking. */
@Injectable()
export class LiveQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async waiting(now: Date): Promise<{ calls: number; longestWaitSeconds: number | null }> {
    const [row]: Array<{ calls: string; first: Date | null }> = await this.dataSource.query(
      `SELECT count(*) AS calls, min(entered_at) AS first FROM telephony_call
        WHERE entered_at > $1 AND entered_at <= $2 AND direction = 'inbound' AND source <> 'manual'
          AND outcome IS NULL AND answered_at IS NULL`,
      [new Date(now.getTime() - LONGEST_CREDIBLE_WAIT_SECONDS * 1000).toISOString(), now.toISOString()],
    );
    return {
      calls: Number(row?.calls ?? 0),
      longestWaitSeconds: row?.first ? Math.round((now.getTime() - new Date(row.first).getTime()) / 1000) : null,
    };
  }

  /** PBX agent names on a call now: connected, not ended. */
  async agentsOnCall(now: Date): Promise<string[]> {
    const rows: Array<{ agent: string }> = await this.dataSource.query(
      `SELECT DISTINCT agent FROM telephony_call
        WHERE entered_at > $1 AND answered_at <= $2 AND ended_at IS NULL AND agent IS NOT NULL`,
      [new Date(now.getTime() - LONGEST_CREDIBLE_CALL_SECONDS * 1000).toISOString(), now.toISOString()],
    );
    return rows.map((row) => row.agent);
  }
}
