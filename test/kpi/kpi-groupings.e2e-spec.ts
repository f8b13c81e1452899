import fc from 'fast-check';
import { DataSource } from 'typeorm';

import { type BusinessCalendar, CalendarService } from '@madoguchi/business-calendar';
import { SettableClock } from '@madoguchi/common';
import { type Figure, KPI_DIMENSIONS, KpiReportService } from '@madoguchi/kpi';

import { startTestApp, type TestApp } from '../support/test-app';

const HOUR = 3_600_000;
/** Random data falls in three weeks of November 2026 (Japan time); periods are cut inside them. */
const WINDOW_START = Date.parse('2026-11-09T00:00:00+09:00');
const WINDOW = 21 * 24 * HOUR;
const OUTCOMES = ['answered', 'abandoned', 'timeout', 'exit-key', 'exit-empty', 'transferred', null] as const;

interface RandomCall {
  entered: number;
  outcome: (typeof OUTCOMES)[number];
  /** Connected after this wait (seconds), or never. */
  connectedAfter: number | null;
  agent: string | null;
}

interface RandomTicket {
  channel: 'web' | 'email' | 'phone';
  created: number;
  firstResponseDue: number;
  firstResponded: number | null;
  resolutionDue: number;
  solved: number | null;
  category: string;
}

const instant = fc.integer({ min: 0, max: WINDOW - 1 }).map((offset) => WINDOW_START + offset);
const callArbitrary: fc.Arbitrary<RandomCall> = fc.record({
  entered: instant,
  outcome: fc.constantFrom(...OUTCOMES),
  connectedAfter: fc.option(fc.integer({ min: 0, max: 120 })),
  agent: fc.option(fc.constantFrom('Agent/A', 'Agent/B')),
});
const ticketArbitrary: fc.Arbitrary<RandomTicket> = fc.record({
  channel: fc.constantFrom('web', 'email', 'phone'),
  created: instant,
  firstResponseDue: instant,
  firstResponded: fc.option(instant),
  resolutionDue: instant,
  solved: fc.option(instant),
  category: fc.constantFrom('billing', 'general', 'outage'),
});
interface RandomPresence {
  agent: string;
  at: number;
  state: 'available' | 'paused' | 'offline';
  source: 'pbx' | 'desk';
}
const presenceArbitrary: fc.Arbitrary<RandomPresence> = fc.record({
  agent: fc.constantFrom('Agent/A', 'Agent/B', 'user:x'),
  at: instant,
  state: fc.constantFrom('available', 'paused', 'offline'),
  source: fc.constantFrom('pbx', 'desk'),
});
const periodArbitrary = fc
  .tuple(instant, instant)
  .map(([a, b]) => (a < b ? { from: a, to: b + 1 } : { from: b, to: a + 1 }));

type Report = Awaited<ReturnType<KpiReportService['report']>>;

/** Every figure of a report that has a numerator and a denominator, by name. */
function fractions(kpis: Record<string, unknown>): Map<string, [number, number]> {
  const result = new Map<string, [number, number]>();
  for (const [name, figure] of Object.entries(kpis)) {
    if (!figure || typeof figure !== 'object' || !('denominator' in figure)) continue;
    result.set(name, [(figure as Figure).numerator, (figure as Figure).denominator]);
  }
  return result;
}

/**
 * The property behind every grouping: for random calls and tickets and a random period, the groups of
 * every time grouping and dimension add up, numerator and denominator, to the ungrouped figures (the
 * operating rate too, from presence changed at any millisecond), and those equal a plain fold over the
 * same rows.
 */
describe('KPI groupings add up (property test on the embedded database)', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let calendar: BusinessCalendar;
  const clock = new SettableClock(WINDOW_START + 15 * 24 * HOUR);

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    dataSource = t.app.get(DataSource);
    calendar = await t.app.get(CalendarService).calendar('support-hours');
  });

  afterAll(async () => {
    await t?.close();
  });

  async function store(calls: RandomCall[], tickets: RandomTicket[], presence: RandomPresence[]) {
    await dataSource.query(`DELETE FROM telephony_call`);
    await dataSource.query(`DELETE FROM ticket`);
    await dataSource.query(`DELETE FROM agent_presence_change`);
    // Changes at any millisecond: operating time is made of fractional seconds that must still add up.
    await dataSource.query(
      `INSERT INTO agent_presence_change (agent, at, state, source, ordinal)
       SELECT agent, at, state, source, n FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[])
         WITH ORDINALITY AS t(agent, at, state, source, n)
       ON CONFLICT DO NOTHING`,
      [
        presence.map((p) => p.agent),
        presence.map((p) => new Date(p.at).toISOString()),
        presence.map((p) => p.state),
        presence.map((p) => p.source),
      ],
    );
    await dataSource.query(
      `INSERT INTO telephony_call (id, source, pbx_call_id, queue, entered_at, answered_at, ended_at, outcome,
                                   wait_seconds, talk_seconds, agent)
       SELECT gen_random_uuid(), 'asterisk', 'call-' || n, 'support', t.entered, t.answered, t.ended, t.outcome,
              t.wait, t.talk, t.agent
         FROM unnest($1::timestamptz[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::int[], $6::int[],
                     $7::text[]) WITH ORDINALITY AS t(entered, answered, ended, outcome, wait, talk, agent, n)`,
      [
        calls.map((c) => new Date(c.entered).toISOString()),
        calls.map((c) =>
          c.connectedAfter === null ? null : new Date(c.entered + c.connectedAfter * 1000).toISOString(),
        ),
        calls.map((c) => (c.outcome === null ? null : new Date(c.entered + 600_000).toISOString())),
        calls.map((c) => c.outcome),
        calls.map((c) => c.connectedAfter ?? (c.outcome === null ? null : 30)),
        calls.map((c) => (c.outcome === null || c.connectedAfter === null ? null : 240)),
        calls.map((c) => c.agent),
      ],
    );
    await dataSource.query(
      `INSERT INTO ticket (id, number, requester_name, requester_email, channel, status, subject, calendar_id, category,
                           created_at, first_response_due_at, first_response_warn_at, first_responded_at,
                           resolution_due_at, resolution_warn_at, solved_at)
       SELECT gen_random_uuid(), 'MD-P-' || n, '顧客', 'c@example.jp', t.channel,
              CASE WHEN t.solved IS NULL THEN 'open' ELSE 'solved' END, 'subject', 'support-hours', t.category,
              t.created, t.frd, t.frd, t.responded, t.rd, t.rd, t.solved
         FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[],
                     $6::timestamptz[], $7::text[]) WITH ORDINALITY AS t(channel, created, frd, responded, rd, solved, category, n)`,
      [
        tickets.map((x) => x.channel),
        tickets.map((x) => new Date(x.created).toISOString()),
        tickets.map((x) => new Date(x.firstResponseDue).toISOString()),
        tickets.map((x) => (x.firstResponded === null ? null : new Date(x.firstResponded).toISOString())),
        tickets.map((x) => new Date(x.resolutionDue).toISOString()),
        tickets.map((x) => (x.solved === null ? null : new Date(x.solved).toISOString())),
        tickets.map((x) => x.category),
      ],
    );
  }

  /** The definitions, folded over the rows in plain TypeScript. */
  function reference(calls: RandomCall[], tickets: RandomTicket[], from: number, to: number) {
    const offered = calls.filter(
      (c) =>
        c.entered >= from &&
        c.entered < to &&
        calendar.isOpen(c.entered) &&
        (c.outcome !== null || c.connectedAfter !== null),
    );
    const answered = offered.filter(
      (c) => c.connectedAfter !== null || c.outcome === 'answered' || c.outcome === 'transferred',
    );
    const solved = tickets.filter((x) => x.solved !== null && x.solved >= from && x.solved < to);
    const now = clock.now();
    const due = tickets.filter(
      (x) =>
        x.channel !== 'phone' &&
        x.firstResponseDue >= from &&
        x.firstResponseDue < to &&
        (x.firstResponseDue <= now || x.firstResponded !== null),
    );
    return {
      abandonmentRate: [offered.filter((c) => c.outcome === 'abandoned').length, offered.length],
      completionWithinStandardTimeRate: [solved.filter((x) => x.solved! <= x.resolutionDue).length, solved.length],
      responseDue: due.length,
      respondedInTime: due.filter((x) => x.firstResponded !== null && x.firstResponded <= x.firstResponseDue).length,
      answered: answered.length,
    };
  }

  it('for random calls, tickets and periods, every grouping sums to the whole, and the whole to a plain fold', async () => {
    const reports = t.app.get(KpiReportService);
    await fc.assert(
      fc.asyncProperty(
        fc.array(callArbitrary, { maxLength: 40 }),
        fc.array(ticketArbitrary, { maxLength: 30 }),
        fc.array(presenceArbitrary, { maxLength: 20 }),
        periodArbitrary,
        async (calls, tickets, presence, period) => {
          await store(calls, tickets, presence);
          const request = { from: new Date(period.from), to: new Date(period.to) };
          const whole: Report = await reports.report(request);
          const expected = reference(calls, tickets, period.from, period.to);
          expect(fractions(whole.kpis).get('abandonmentRate')).toEqual(expected.abandonmentRate);
          expect(fractions(whole.kpis).get('completionWithinStandardTimeRate')).toEqual(
            expected.completionWithinStandardTimeRate,
          );
          expect(whole.calls.answered).toBe(expected.answered);
          const compliance = whole.kpis.responseTimeComplianceRate.byChannel;
          expect(compliance.web.denominator + compliance.email.denominator).toBe(expected.responseDue);
          expect(compliance.web.numerator + compliance.email.numerator).toBe(expected.respondedInTime);

          const groupings = [
            ...(['day', 'week', 'month'] as const).map((groupBy) => ({ groupBy })),
            ...KPI_DIMENSIONS.map((dimension) => ({ dimension })),
          ];
          for (const grouping of groupings) {
            const grouped = await reports.report({ ...request, ...grouping });
            const totals = fractions(whole.kpis);
            for (const [name, total] of totals) {
              if (name === 'incidentsNotifiedWithinHour') continue;
              // Neither has a dimension: by one, only the total carries them.
              if ((name === 'supportOperatingRate' || name === 'serviceAvailability') && 'dimension' in grouping)
                continue;
              const sum = [0, 0];
              for (const group of grouped.groups ?? []) {
                const part = fractions(group.kpis).get(name);
                sum[0] += part?.[0] ?? 0;
                sum[1] += part?.[1] ?? 0;
              }
              expect([grouping, name, sum]).toEqual([grouping, name, total]);
            }
            if ('groupBy' in grouping)
              for (const group of grouped.groups ?? []) {
                // A time group's key is a day inside the period, in the desk's zone.
                const [fromDay, lastDay] = [
                  whole.from.slice(0, 10),
                  new Date(period.to - 1 + 9 * HOUR).toISOString().slice(0, 10),
                ];
                expect(group.key >= fromDay && group.key <= lastDay).toBe(true);
              }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
