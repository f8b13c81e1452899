import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { OpenInterval } from '@madoguchi/business-calendar';

import type { KpiDefinition } from '../domain/kpi-definition';
import type { CallStats, DurationStats, OperatingStats, Percentiles, TicketStats } from '../domain/kpi-figures';

export const KPI_GROUPINGS = ['day', 'week', 'month'] as const;
export type KpiGrouping = (typeof KPI_GROUPINGS)[number];
export const KPI_DIMENSIONS = ['channel', 'agent', 'category', 'priority', 'organization'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/** How rows are grouped: one total, by period start in the desk's zone, or by a dimension. */
export type Grouping =
  | { kind: 'total' }
  | { kind: 'time'; unit: KpiGrouping; timeZone: string }
  | { kind: 'dimension'; dimension: KpiDimension };

export interface KpiQuery {
  from: Date;
  to: Date;
  /** Figures that depend on "has it fallen due yet" are judged at this instant. */
  now: Date;
  open: OpenInterval[];
  definition: KpiDefinition;
}

const TICKET_DIMENSION: Record<KpiDimension, string> = {
  channel: 't.channel',
  agent: 't.assignee_id::text',
  category: 't.category',
  priority: 't.priority',
  organization: 't.organization_id::text',
};

const CALL_DIMENSION: Record<KpiDimension, string> = {
  channel: `'phone'`,
  agent: 'COALESCE(ta.user_id::text, c.agent)',
  category: 'NULL::text',
  priority: 'NULL::text',
  organization: 'NULL::text',
};

/** A zone name safe to inline (it comes from a validated calendar; this keeps it that way). */
function zoneLiteral(timeZone: string): string {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(timeZone)) throw new Error(`unexpected time zone ${timeZone}`);
  return `'${timeZone}'`;
}

function keyExpression(grouping: Grouping, timeColumn: string, dimensionColumn: string): string {
  if (grouping.kind === 'total') return `'total'`;
  if (grouping.kind === 'dimension') return `COALESCE(${dimensionColumn}, '(none)')`;
  return `to_char(date_trunc('${grouping.unit}', ${timeColumn} AT TIME ZONE ${zoneLiteral(grouping.timeZone)}), 'YYYY-MM-DD')`;
}

const count = (value: unknown) => Number(value ?? 0);

/**
 * The KPI aggregates, one SQL statement each over indexed columns (calls by `entered_at`, tickets by
 * due and solved times), identical on Postgres and PGlite. Open time is the calendar's open
 * intervals passed in as ranges; availability and closures are intersected with it as multiranges.
 */
@Injectable()
export class KpiRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async calls(query: KpiQuery, grouping: Grouping): Promise<Map<string, CallStats>> {
    const key = keyExpression(grouping, 'c.entered_at', CALL_DIMENSION[dimensionOf(grouping)]);
    // Calls are found interval by interval of open time (an index range each), so a period's
    // closed hours and nights cost nothing; agents are joined only when grouping by them.
    const agentJoin =
      grouping.kind === 'dimension' && grouping.dimension === 'agent'
        ? 'LEFT JOIN telephony_agent ta ON ta.pbx_agent = c.agent'
        : '';
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH open AS (
         SELECT s, e FROM unnest($3::timestamptz[], $4::timestamptz[]) AS t(s, e)
       ), offered AS (
         SELECT ${key} AS key, c.answered_at, c.outcome, c.wait_seconds, c.talk_seconds,
                (c.outcome = ANY($5::text[]) AND COALESCE(c.wait_seconds, 0) < $6) AS short
           FROM open o
           JOIN telephony_call c ON c.entered_at >= o.s AND c.entered_at < o.e
           ${agentJoin}
          WHERE c.entered_at >= $1 AND c.entered_at < $2 AND c.direction = 'inbound' AND c.source <> 'manual'
            AND c.outcome IS NOT NULL
       )
       SELECT key,
              count(*) FILTER (WHERE NOT short) AS offered,
              count(*) FILTER (WHERE NOT short AND answered_at IS NOT NULL) AS answered,
              count(*) FILTER (WHERE NOT short AND answered_at IS NOT NULL AND wait_seconds <= $7) AS answered_within,
              count(*) FILTER (WHERE NOT short AND outcome = ANY($5::text[])) AS abandoned,
              count(*) FILTER (WHERE NOT short AND outcome = 'timeout') AS timeout,
              count(*) FILTER (WHERE short) AS short_abandons,
              COALESCE(sum(wait_seconds) FILTER (WHERE NOT short AND answered_at IS NOT NULL), 0) AS wait,
              COALESCE(sum(talk_seconds) FILTER (WHERE NOT short AND answered_at IS NOT NULL), 0) AS talk
         FROM offered GROUP BY key`,
      [
        query.from.toISOString(),
        query.to.toISOString(),
        query.open.map((i) => new Date(i.start).toISOString()),
        query.open.map((i) => new Date(i.end).toISOString()),
        query.definition.abandonedOutcomes,
        query.definition.shortAbandonSeconds,
        query.definition.answerTargetSeconds,
      ],
    );
    return new Map(
      rows.map((row) => [
        String(row.key),
        {
          offered: count(row.offered),
          answered: count(row.answered),
          answeredWithinTarget: count(row.answered_within),
          abandoned: count(row.abandoned),
          timeout: count(row.timeout),
          shortAbandons: count(row.short_abandons),
          waitSecondsOfAnswered: count(row.wait),
          talkSecondsOfAnswered: count(row.talk),
        },
      ]),
    );
  }

  async tickets(query: KpiQuery, grouping: Grouping): Promise<Map<string, TicketStats>> {
    const dimension = TICKET_DIMENSION[dimensionOf(grouping)];
    const params = [query.from.toISOString(), query.to.toISOString()];
    const responses: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${keyExpression(grouping, 't.first_response_due_at', dimension)} AS key,
              CASE WHEN t.channel = 'email' THEN 'email' ELSE 'web' END AS channel,
              count(*) AS due,
              count(*) FILTER (WHERE t.first_responded_at <= t.first_response_due_at) AS in_time
         FROM ticket t
        WHERE t.channel <> 'phone' AND t.first_response_due_at >= $1 AND t.first_response_due_at < $2
          AND (t.first_response_due_at <= $3 OR t.first_responded_at IS NOT NULL)
        GROUP BY 1, 2`,
      [...params, query.now.toISOString()],
    );
    const completions: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${keyExpression(grouping, 't.solved_at', dimension)} AS key, count(*) AS solved,
              count(*) FILTER (WHERE t.solved_at <= t.resolution_due_at) AS in_time
         FROM ticket t
        WHERE t.solved_at >= $1 AND t.solved_at < $2 AND t.status IN ('solved', 'closed')
        GROUP BY 1`,
      params,
    );
    const breaches: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${keyExpression(grouping, 'a.due_at', dimension)} AS key, count(*) AS breaches
         FROM sla_alert a JOIN ticket t ON t.id = a.ticket_id
        WHERE a.kind = 'breach' AND a.due_at >= $1 AND a.due_at < $2
        GROUP BY 1`,
      params,
    );
    const stats = new Map<string, TicketStats>();
    const at = (key: unknown) => {
      const name = String(key);
      if (!stats.has(name))
        stats.set(name, {
          responseDue: { web: 0, email: 0 },
          respondedInTime: { web: 0, email: 0 },
          solved: 0,
          solvedInTime: 0,
          slaBreaches: 0,
        });
      return stats.get(name)!;
    };
    for (const row of responses) {
      const channel = row.channel as 'web' | 'email';
      at(row.key).responseDue[channel] += count(row.due);
      at(row.key).respondedInTime[channel] += count(row.in_time);
    }
    for (const row of completions)
      Object.assign(at(row.key), { solved: count(row.solved), solvedInTime: count(row.in_time) });
    for (const row of breaches) at(row.key).slaBreaches = count(row.breaches);
    return stats;
  }

  /**
   * Business time to first response (tickets first answered in the period) and to resolution
   * (solved in the period): medians and 90th percentiles. Percentiles do not add up, so a total is
   * its own query.
   */
  async durations(query: KpiQuery, grouping: Grouping): Promise<Map<string, DurationStats>> {
    const dimension = TICKET_DIMENSION[dimensionOf(grouping)];
    const params = [query.from.toISOString(), query.to.toISOString()];
    const percentiles = (column: string) =>
      `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY ${column}) AS p90, count(${column}) AS n`;
    const [responses, resolutions]: Array<Array<Record<string, unknown>>> = await Promise.all([
      this.dataSource.query(
        `SELECT ${keyExpression(grouping, 't.first_responded_at', dimension)} AS key,
                ${percentiles('t.first_response_business_seconds')}
           FROM ticket t WHERE t.first_responded_at >= $1 AND t.first_responded_at < $2 GROUP BY 1`,
        params,
      ),
      this.dataSource.query(
        `SELECT ${keyExpression(grouping, 't.solved_at', dimension)} AS key, ${percentiles('t.resolution_business_seconds')}
           FROM ticket t WHERE t.solved_at >= $1 AND t.solved_at < $2 AND t.status IN ('solved', 'closed') GROUP BY 1`,
        params,
      ),
    ]);
    const stats = new Map<string, DurationStats>();
    const toPercentiles = (row: Record<string, unknown>): Percentiles => ({
      medianSeconds: row.median === null ? null : Math.round(Number(row.median)),
      p90Seconds: row.p90 === null ? null : Math.round(Number(row.p90)),
      count: count(row.n),
    });
    const empty = (): DurationStats => ({
      firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
      resolution: { medianSeconds: null, p90Seconds: null, count: 0 },
    });
    for (const row of responses) {
      const entry = stats.get(String(row.key)) ?? empty();
      entry.firstResponse = toPercentiles(row);
      stats.set(String(row.key), entry);
    }
    for (const row of resolutions) {
      const entry = stats.get(String(row.key)) ?? empty();
      entry.resolution = toPercentiles(row);
      stats.set(String(row.key), entry);
    }
    return stats;
  }

  /** Scheduled open time, and the part of it with an agent available and no desk closure in force. */
  async operating(query: KpiQuery, grouping: Grouping): Promise<Map<string, OperatingStats>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH open AS (
         SELECT tstzrange(s, e) AS hours FROM unnest($3::timestamptz[], $4::timestamptz[]) AS t(s, e)
       ), changes AS (
         SELECT state, at, LEAD(at) OVER (PARTITION BY agent ORDER BY at, ordinal) AS next
           FROM agent_presence_change WHERE at < $2
       ), available AS (
         SELECT COALESCE(range_agg(tstzrange(at, COALESCE(next, $2))), '{}') AS time
           FROM changes WHERE state = 'available' AND COALESCE(next, $2) > $1
       ), closed AS (
         SELECT COALESCE(range_agg(tstzrange(starts_at, ends_at)), '{}') AS time
           FROM desk_closure WHERE starts_at < $2 AND ends_at > $1
       )
       SELECT ${keyExpression(grouping, 'lower(o.hours)', 'NULL::text')} AS key,
              sum(extract(epoch FROM upper(o.hours) - lower(o.hours))) AS scheduled,
              sum((SELECT COALESCE(sum(extract(epoch FROM upper(r) - lower(r))), 0)
                     FROM unnest(tstzmultirange(o.hours) * a.time - c.time) AS r)) AS operating
         FROM open o CROSS JOIN available a CROSS JOIN closed c
        GROUP BY 1`,
      [
        query.from.toISOString(),
        query.to.toISOString(),
        query.open.map((i) => new Date(i.start).toISOString()),
        query.open.map((i) => new Date(i.end).toISOString()),
      ],
    );
    return new Map(
      rows.map((row) => [
        String(row.key),
        { scheduledSeconds: Math.round(count(row.scheduled)), operatingSeconds: Math.round(count(row.operating)) },
      ]),
    );
  }

  /**
   * Tickets created before `to` and not solved by then: those still unsolved, plus those solved
   * since. Both are index ranges (status; solved_at), not a scan of every ticket ever created.
   */
  async backlog(to: Date): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM ticket WHERE status IN ('new', 'open', 'pending') AND created_at < $1)
            + (SELECT count(*) FROM ticket WHERE solved_at >= $1 AND created_at < $1) AS backlog`,
      [to.toISOString()],
    );
    return count(row?.backlog);
  }
}

function dimensionOf(grouping: Grouping): KpiDimension {
  return grouping.kind === 'dimension' ? grouping.dimension : 'channel';
}
