import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { OpenInterval } from '@madoguchi/business-calendar';
import { isUuid } from '@madoguchi/common';
import { PBX_HORIZON_SQL } from '@madoguchi/telephony';

import type { KpiDefinition } from '../domain/kpi-definition';
import type { CallStats, DurationStats, OperatingStats, Percentiles, TicketStats } from '../domain/kpi-figures';
import type { TimeBucket } from '../domain/time-buckets';

export const KPI_GROUPINGS = ['day', 'week', 'month'] as const;
export type KpiGrouping = (typeof KPI_GROUPINGS)[number];
export const KPI_DIMENSIONS = ['channel', 'agent', 'category', 'priority', 'organization'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/** How rows are grouped: one total, by period start in the desk's zone, or by a dimension. */
export type Grouping =
  { kind: 'total' } | { kind: 'time'; buckets: TimeBucket[] } | { kind: 'dimension'; dimension: KpiDimension };

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

/** A CONNECT answers a call (its `answered_at`); a call ended as answered or transferred was answered. */
const ANSWERED_CALL = `(c.answered_at IS NOT NULL OR c.outcome IN ('answered', 'transferred'))`;

/** The key of a dimension group with no value (no assignee, no organization, …). */
export const NO_VALUE_KEY = '(none)';

/** A zone name safe to inline (it comes from a validated calendar; this keeps it that way). */
function zoneLiteral(timeZone: string): string {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(timeZone)) throw new Error(`unexpected time zone ${timeZone}`);
  return `'${timeZone}'`;
}

function keyExpression(grouping: Grouping, timeColumn: string, dimensionColumn: string): string {
  if (grouping.kind === 'total') return `'total'`;
  if (grouping.kind === 'dimension') return `COALESCE(${dimensionColumn}, '${NO_VALUE_KEY}')`;
  // The bucket number by binary search over the bucket starts (instants generated here, not input).
  const starts = grouping.buckets.map((bucket) => new Date(bucket.start).toISOString()).join(',');
  return `width_bucket(${timeColumn}, '{${starts}}'::timestamptz[])`;
}

/** The group a result row belongs to: a bucket's `YYYY-MM-DD`, a dimension value, or `total`. */
function groupKey(grouping: Grouping, key: unknown): string {
  if (grouping.kind !== 'time') return String(key);
  return grouping.buckets[Number(key) - 1]?.key ?? 'before';
}

const count = (value: unknown) => Number(value ?? 0);

type Rows = Array<Record<string, unknown>>;

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
         SELECT c.*, (c.outcome = ANY($5::text[]) AND COALESCE(c.wait_seconds, 0) < $6) AS short
           FROM open o
           -- One index range per open interval, never a join over every call of the period.
           CROSS JOIN LATERAL (
             SELECT ${key} AS key, c.outcome, c.wait_seconds, c.talk_seconds, c.ended_at,
                    ${ANSWERED_CALL} AS answered
               FROM telephony_call c
               ${agentJoin}
              WHERE c.entered_at >= o.s AND c.entered_at < o.e AND c.entered_at >= $1 AND c.entered_at < $2
                AND c.direction = 'inbound' AND c.source <> 'manual'
                -- A call is offered once it has left the queue: ended, or connected to an agent.
                AND (c.outcome IS NOT NULL OR c.answered_at IS NOT NULL)
             OFFSET 0 -- keeps the planner from flattening this into one join over all calls
           ) c
       )
       SELECT key,
              count(*) FILTER (WHERE NOT short) AS offered,
              count(*) FILTER (WHERE NOT short AND answered) AS answered,
              count(*) FILTER (WHERE NOT short AND answered AND wait_seconds <= $7) AS answered_within,
              count(*) FILTER (WHERE NOT short AND outcome = ANY($5::text[])) AS abandoned,
              count(*) FILTER (WHERE NOT short AND outcome = 'timeout') AS timeout,
              count(*) FILTER (WHERE short) AS short_abandons,
              COALESCE(sum(wait_seconds) FILTER (WHERE NOT short AND answered), 0) AS wait,
              -- Talk time is known once the conversation is over: AHT is taken over ended calls only.
              count(*) FILTER (WHERE NOT short AND answered AND ended_at IS NOT NULL) AS answered_ended,
              COALESCE(sum(talk_seconds) FILTER (WHERE NOT short AND answered AND ended_at IS NOT NULL), 0) AS talk
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
        groupKey(grouping, row.key),
        {
          offered: count(row.offered),
          answered: count(row.answered),
          answeredWithinTarget: count(row.answered_within),
          abandoned: count(row.abandoned),
          timeout: count(row.timeout),
          shortAbandons: count(row.short_abandons),
          waitSecondsOfAnswered: count(row.wait),
          answeredAndEnded: count(row.answered_ended),
          talkSecondsOfEnded: count(row.talk),
        },
      ]),
    );
  }

  /**
   * Ticket figures: first responses due, solves (with the resolution percentiles, from the same
   * rows), SLA breaches and reopens, each one query, run side by side.
   */
  async tickets(query: KpiQuery, grouping: Grouping) {
    const dimension = TICKET_DIMENSION[dimensionOf(grouping)];
    const params = [query.from.toISOString(), query.to.toISOString()];
    const [responses, breaches, reopens, durations]: [
      Rows,
      Rows,
      Rows,
      Awaited<ReturnType<KpiRepository['durations']>>,
    ] = await Promise.all([
      this.dataSource.query(
        `SELECT ${keyExpression(grouping, 't.first_response_due_at', dimension)} AS key,
              CASE WHEN t.channel = 'email' THEN 'email' ELSE 'web' END AS channel,
              count(*) AS due,
              count(*) FILTER (WHERE ${TICKETS_BEHIND['first-response'].met}) AS in_time
         FROM ticket t
        WHERE ${TICKETS_BEHIND['first-response'].where}
        GROUP BY 1, 2`,
        [...params, query.now.toISOString()],
      ),
      this.dataSource.query(
        `SELECT ${keyExpression(grouping, 'a.due_at', dimension)} AS key, count(*) AS breaches
         FROM sla_alert a JOIN ticket t ON t.id = a.ticket_id
        WHERE a.kind = 'breach' AND a.due_at >= $1 AND a.due_at < $2
        GROUP BY 1`,
        params,
      ),
      // A reopen is a status change from solved back to open: a customer's reply or an agent's update.
      this.dataSource.query(
        `SELECT ${keyExpression(grouping, 'e.occurred_at', dimension)} AS key, count(*) AS reopens
         FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
        WHERE e.occurred_at >= $1 AND e.occurred_at < $2
          AND ((e.kind = 'reply' AND e.data -> 'status' ->> 'before' = 'solved' AND e.data -> 'status' ->> 'after' = 'open')
            OR (e.kind = 'update' AND e.data -> 'before' ->> 'status' = 'solved' AND e.data -> 'after' ->> 'status' = 'open'))
        GROUP BY 1`,
        params,
      ),
      this.durations(query, grouping),
    ]);
    const stats = new Map<string, TicketStats>();
    // `at` takes a group name: row keys are turned into names once, where the rows are read.
    const at = (name: string) => {
      if (!stats.has(name))
        stats.set(name, {
          responseDue: { web: 0, email: 0 },
          respondedInTime: { web: 0, email: 0 },
          solved: 0,
          solvedInTime: 0,
          slaBreaches: 0,
          reopens: 0,
        });
      return stats.get(name)!;
    };
    for (const row of responses) {
      const channel = row.channel as 'web' | 'email';
      const group = at(groupKey(grouping, row.key));
      group.responseDue[channel] += count(row.due);
      group.respondedInTime[channel] += count(row.in_time);
    }
    for (const [name, solved] of durations.solved) Object.assign(at(name), solved);
    for (const row of breaches) at(groupKey(grouping, row.key)).slaBreaches = count(row.breaches);
    for (const row of reopens) at(groupKey(grouping, row.key)).reopens = count(row.reopens);
    return { stats, durations: durations.byKey, totalDurations: durations.total };
  }

  /**
   * Business time to first response (tickets first answered in the period) and to resolution
   * (solved in the period): medians and 90th percentiles. Percentiles do not add up, so a total is
   * its own query.
   */
  private async durations(query: KpiQuery, grouping: Grouping) {
    const dimension = TICKET_DIMENSION[dimensionOf(grouping)];
    const params = [query.from.toISOString(), query.to.toISOString()];
    // Percentiles do not add up: the total is its own grouping set (the row whose key is null).
    const percentiles = (key: string, column: string, where: string, extra = '') =>
      `SELECT ${key} AS key, ${extra}
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${column}) AS p90, count(${column}) AS n
         FROM ticket t WHERE ${where}
        GROUP BY GROUPING SETS ((1), ())`;
    const [responses, resolutions]: Array<Array<Record<string, unknown>>> = await Promise.all([
      this.dataSource.query(
        percentiles(
          keyExpression(grouping, 't.first_responded_at', dimension),
          't.first_response_business_seconds',
          't.first_responded_at >= $1 AND t.first_responded_at < $2',
        ),
        params,
      ),
      this.dataSource.query(
        percentiles(
          keyExpression(grouping, 't.solved_at', dimension),
          't.resolution_business_seconds',
          TICKETS_BEHIND.resolution.where,
          `count(*) AS solved, count(*) FILTER (WHERE ${TICKETS_BEHIND.resolution.met}) AS in_time,`,
        ),
        params,
      ),
    ]);
    const empty = (): DurationStats => ({
      firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
      resolution: { medianSeconds: null, p90Seconds: null, count: 0 },
    });
    const toPercentiles = (row: Record<string, unknown>): Percentiles => ({
      medianSeconds: row.median === null ? null : Math.round(Number(row.median)),
      p90Seconds: row.p90 === null ? null : Math.round(Number(row.p90)),
      count: count(row.n),
    });
    const byKey = new Map<string, DurationStats>();
    const total = empty();
    const fill = (rows: Array<Record<string, unknown>>, part: keyof DurationStats) => {
      for (const row of rows) {
        if (row.key === null) {
          total[part] = toPercentiles(row);
          continue;
        }
        const name = groupKey(grouping, row.key);
        const entry = byKey.get(name) ?? empty();
        entry[part] = toPercentiles(row);
        byKey.set(name, entry);
      }
    };
    fill(responses, 'firstResponse');
    fill(resolutions, 'resolution');
    const solved = new Map(
      resolutions
        .filter((row) => row.key !== null)
        .map((row) => [groupKey(grouping, row.key), { solved: count(row.solved), solvedInTime: count(row.in_time) }]),
    );
    return { byKey, total, solved };
  }

  /** Scheduled open time, and the part of it with an agent available and no desk closure in force. */
  async operating(query: KpiQuery, grouping: Grouping): Promise<Map<string, OperatingStats>> {
    // One pass over whole multiranges (open ∩ available − closed), then each piece is grouped by
    // where it starts: pieces lie inside one open interval, and open intervals inside one day.
    const key = keyExpression(grouping, 'lower(r)', 'NULL::text');
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH RECURSIVE open AS (
         SELECT COALESCE(range_agg(tstzrange(s, e)), '{}') AS hours
           FROM unnest($3::timestamptz[], $4::timestamptz[]) AS t(s, e)
       ), agents AS (
         -- Each agent once, read off the primary key (a loose index scan; there are few agents).
         (SELECT agent FROM agent_presence_change ORDER BY agent LIMIT 1)
         UNION ALL
         SELECT (SELECT p.agent FROM agent_presence_change p WHERE p.agent > a.agent ORDER BY p.agent LIMIT 1)
           FROM agents a WHERE a.agent IS NOT NULL
       ), relevant AS (
         -- The period's changes, and each agent's last change before it (the state in force at the start).
         SELECT agent, state, at, ordinal, source FROM agent_presence_change WHERE at >= $1 AND at < $2
         UNION ALL
         SELECT last.* FROM agents a CROSS JOIN LATERAL (
           SELECT p.agent, p.state, p.at, p.ordinal, p.source FROM agent_presence_change p
            WHERE p.agent = a.agent AND p.at < $1 ORDER BY p.at DESC, p.ordinal DESC LIMIT 1
         ) last
       ), horizon AS (${PBX_HORIZON_SQL}
       ), changes AS (
         -- A change lasts until the agent's next one; one from the PBX no longer than the PBX horizon.
         SELECT state, at, CASE WHEN source = 'pbx' THEN LEAST(COALESCE(next, $2), horizon) ELSE COALESCE(next, $2) END AS until
           FROM (SELECT r.*, LEAD(at) OVER (PARTITION BY agent ORDER BY at, ordinal) AS next FROM relevant r) r, horizon
       ), available AS (
         SELECT COALESCE(range_agg(tstzrange(at, until)), '{}') AS time
           FROM changes WHERE state = 'available' AND until > $1 AND until > at
       ), closed AS (
         SELECT COALESCE(range_agg(tstzrange(starts_at, ends_at)), '{}') AS time
           FROM desk_closure WHERE starts_at < $2 AND ends_at > $1
       ), pieces AS (
         SELECT unnest(o.hours) AS r, 'scheduled' AS kind FROM open o
         UNION ALL
         SELECT unnest(o.hours * a.time - c.time), 'operating' FROM open o, available a, closed c
       )
       -- Each piece is rounded to whole seconds before it is summed, so the groups' seconds add up to
       -- the total's exactly (rounding the sums would not: 0.4 + 0.4 rounds to 0 twice but to 1 once).
       SELECT ${key} AS key,
              COALESCE(sum(round(extract(epoch FROM upper(r) - lower(r)))) FILTER (WHERE kind = 'scheduled'), 0) AS scheduled,
              COALESCE(sum(round(extract(epoch FROM upper(r) - lower(r)))) FILTER (WHERE kind = 'operating'), 0) AS operating
         FROM pieces GROUP BY 1`,
      [
        query.from.toISOString(),
        query.to.toISOString(),
        query.open.map((i) => new Date(i.start).toISOString()),
        query.open.map((i) => new Date(i.end).toISOString()),
      ],
    );
    return new Map(
      rows.map((row) => [
        groupKey(grouping, row.key),
        { scheduledSeconds: Math.round(count(row.scheduled)), operatingSeconds: Math.round(count(row.operating)) },
      ]),
    );
  }

  /**
   * What people call the groups of a dimension: a user's or organization's name for its id, the PBX
   * agent name for an agent no user is linked to (its key is that name already).
   */
  async groupLabels(dimension: KpiDimension, keys: string[]): Promise<Map<string, string>> {
    const table = dimension === 'agent' ? 'app_user' : dimension === 'organization' ? 'organization' : null;
    const ids = keys.filter(isUuid);
    if (!table || ids.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT id::text AS id, name FROM ${table} WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Inbound queue calls by hour of the day they entered (in the zone), open hours or not. */
  async callsByHour(from: Date, to: Date, timeZone: string): Promise<number[]> {
    const rows: Array<{ hour: number; calls: string }> = await this.dataSource.query(
      `SELECT extract(hour FROM entered_at AT TIME ZONE ${zoneLiteral(timeZone)})::int AS hour, count(*) AS calls
         FROM telephony_call
        WHERE entered_at >= $1 AND entered_at < $2 AND direction = 'inbound' AND source <> 'manual'
        GROUP BY 1`,
      [from.toISOString(), to.toISOString()],
    );
    const hours = Array.from({ length: 24 }, () => 0);
    for (const row of rows) hours[row.hour] = count(row.calls);
    return hours;
  }

  /** The period's SLA breaches, latest first, with their tickets. */
  /**
   * The tickets behind a ticket KPI's denominator (or, with `met`, its numerator or the rest) —
   * the same WHERE as the aggregate, so the list and the figure always agree.
   */
  async ticketsBehind(
    measure: TicketMeasure,
    from: Date,
    to: Date,
    now: Date,
    met: boolean | undefined,
    limit: number,
  ) {
    const { where, met: metCondition, order } = TICKETS_BEHIND[measure];
    // Only the first-response rule needs `now` ($3); an unused parameter has no type in Postgres.
    const params = [from.toISOString(), to.toISOString(), ...(where.includes('$3') ? [now.toISOString()] : [])];
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT t.id, t.number, t.subject, t.channel, t.priority, t.first_response_due_at, t.first_responded_at,
              t.resolution_due_at, t.solved_at, (${metCondition}) IS TRUE AS met
         FROM ticket t
        WHERE ${where}${met === undefined ? '' : ` AND (${metCondition}) IS ${met ? 'TRUE' : 'NOT TRUE'}`}
        ORDER BY ${order}, t.id LIMIT $${params.length + 1}`,
      [...params, limit],
    );
    const at = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
    return rows.map((row) => ({
      ticketId: row.id as string,
      number: row.number as string,
      subject: row.subject as string,
      channel: row.channel as string,
      priority: row.priority as string,
      firstResponseDueAt: at(row.first_response_due_at),
      firstRespondedAt: at(row.first_responded_at),
      resolutionDueAt: at(row.resolution_due_at),
      solvedAt: at(row.solved_at),
      met: row.met === true,
    }));
  }

  async breachList(from: Date, to: Date, limit: number) {
    const rows: Array<{ ticket_id: string; number: string; subject: string; clock: string; due_at: Date }> =
      await this.dataSource.query(
        `SELECT a.ticket_id, t.number, t.subject, a.clock, a.due_at
           FROM sla_alert a JOIN ticket t ON t.id = a.ticket_id
          WHERE a.kind = 'breach' AND a.due_at >= $1 AND a.due_at < $2
          ORDER BY a.due_at DESC LIMIT $3`,
        [from.toISOString(), to.toISOString(), limit],
      );
    return rows.map((row) => ({
      ticketId: row.ticket_id,
      number: row.number,
      subject: row.subject,
      clock: row.clock,
      dueAt: new Date(row.due_at),
    }));
  }

  /**
   * Incidents detected in the period whose first notice went out by their deadline (detection + 1
   * hour), of those whose notice is out or overdue: one still within its hour is not judged yet.
   */
  async incidentNotices(from: Date, to: Date, now: Date): Promise<{ notified: number; due: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE published_at IS NOT NULL AND published_at <= notice_deadline_at) AS notified,
              count(*) FILTER (WHERE published_at IS NOT NULL OR notice_deadline_at <= $3) AS due
         FROM incident WHERE detected_at >= $1 AND detected_at < $2`,
      [from.toISOString(), to.toISOString(), now.toISOString()],
    )) as Array<{ notified: string; due: string }>;
    return { notified: count(row?.notified), due: count(row?.due) };
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

export const TICKET_MEASURES = ['first-response', 'resolution'] as const;
export type TicketMeasure = (typeof TICKET_MEASURES)[number];

/**
 * Which tickets a ticket KPI counts ($1 from, $2 to, $3 now) and which of them met the target:
 * web and e-mail first responses that fell due in the period (and have fallen due, or were
 * answered) — phone tickets are measured by their calls; tickets solved in the period.
 */
const TICKETS_BEHIND: Record<TicketMeasure, { where: string; met: string; order: string }> = {
  'first-response': {
    where: `t.channel <> 'phone' AND t.first_response_due_at >= $1 AND t.first_response_due_at < $2
            AND (t.first_response_due_at <= $3 OR t.first_responded_at IS NOT NULL)`,
    met: 't.first_responded_at <= t.first_response_due_at',
    order: 't.first_response_due_at',
  },
  resolution: {
    where: `t.solved_at >= $1 AND t.solved_at < $2 AND t.status IN ('solved', 'closed')`,
    met: 't.solved_at <= t.resolution_due_at',
    order: 't.solved_at',
  },
};

function dimensionOf(grouping: Grouping): KpiDimension {
  return grouping.kind === 'dimension' ? grouping.dimension : 'channel';
}
