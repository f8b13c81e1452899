import type { IncidentImpact, IncidentStatus } from './incident';

/**
 * Service availability (稼働率) as the disclosure computes it: provided time is the period less
 * planned maintenance (a year: 365 × 24 h − 24 h = 8,736 h), and availability is the share of it the
 * service was up. Downtime is the time a published incident held the service at an impact, weighted
 * by how badly: `major-outage` counts whole, `partial-outage` by the definition's weight (0.5 by
 * default), `degraded` not at all. Emergency maintenance counts as downtime unless the definition
 * says otherwise. Overlaps count once, at the worst weight: two incidents on one service at the same
 * time are one outage; an outage during planned maintenance is not provided time at all.
 */
export interface AvailabilityRules {
  /** The weight of `partial-outage` time, 0 to 1. */
  partialOutageWeight: number;
  /** Whether emergency maintenance counts as downtime (weight 1); false takes it out of provided time. */
  emergencyMaintenanceIsDowntime: boolean;
}

export const DEFAULT_AVAILABILITY_RULES: AvailabilityRules = {
  partialOutageWeight: 0.5,
  emergencyMaintenanceIsDowntime: true,
};

/** An incident's impact on one service, from one change of impact to the next (or to resolution). */
export interface ImpactSpan {
  from: number;
  /** null: still in force. */
  to: number | null;
  impact: IncidentImpact;
}

export interface MaintenanceSpan {
  from: number;
  to: number;
  emergency: boolean;
}

/** What the day bars show: the worst impact the period saw, or `maintenance` when only maintenance touched it. */
export type WorstImpact = IncidentImpact | 'maintenance' | null;

export interface AvailabilityFigure {
  downtimeSeconds: number;
  providedSeconds: number;
  /** (provided − downtime) / provided; null when nothing was provided (all future, or all maintenance). */
  value: number | null;
  worstImpact: WorstImpact;
}

const SEVERITY: IncidentImpact[] = ['degraded', 'partial-outage', 'major-outage'];

function weightOf(impact: IncidentImpact, rules: AvailabilityRules): number {
  return impact === 'major-outage' ? 1 : impact === 'partial-outage' ? rules.partialOutageWeight : 0;
}

/** Whole seconds: incidents and windows count from the second they start to the second they end. */
const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
/** Weighted seconds are exact sums; three decimals keep float noise out of what is shown and added up. */
const seconds = (ms: number) => Math.round(ms) / 1000;

/**
 * One service's availability over [from, to), counting no time after `now` (a day in progress is
 * provided up to now). Times are epoch ms, taken to the whole second; figures are seconds, exact
 * (a partial outage's half weight can leave half a second), so the figures of the days of a month
 * add up to the month's.
 */
export function availabilityOver(
  period: { from: number; to: number },
  impacts: readonly ImpactSpan[],
  maintenance: readonly MaintenanceSpan[],
  rules: AvailabilityRules,
  now: number,
): AvailabilityFigure {
  const start = toSecond(period.from);
  const end = toSecond(Math.min(period.to, now));
  if (end <= start) return { downtimeSeconds: 0, providedSeconds: 0, value: null, worstImpact: null };
  const clip = (from: number, to: number | null) => ({
    from: Math.max(toSecond(from), start),
    to: Math.min(to === null ? end : toSecond(to), end),
  });
  const spans = impacts.map((span) => ({ ...span, ...clip(span.from, span.to) })).filter((s) => s.to > s.from);
  const windows = maintenance.map((m) => ({ ...m, ...clip(m.from, m.to) })).filter((m) => m.to > m.from);
  const cuts = [
    ...new Set([start, end, ...spans.flatMap((s) => [s.from, s.to]), ...windows.flatMap((m) => [m.from, m.to])]),
  ]
    .filter((cut) => cut >= start && cut <= end)
    .sort((a, b) => a - b);

  let providedMs = 0;
  let downtimeMs = 0;
  for (let index = 0; index + 1 < cuts.length; index += 1) {
    const from = cuts[index]!;
    const to = cuts[index + 1]!;
    const covers = (span: { from: number; to: number }) => span.from <= from && span.to >= to;
    const during = windows.filter(covers);
    const planned = during.some((m) => !m.emergency || !rules.emergencyMaintenanceIsDowntime);
    if (planned) continue;
    providedMs += to - from;
    const emergency = during.length > 0 ? 1 : 0;
    const weight = Math.max(emergency, ...spans.filter(covers).map((span) => weightOf(span.impact, rules)));
    downtimeMs += weight * (to - from);
  }
  const worst = spans.reduce<IncidentImpact | null>(
    (sofar, span) => (sofar === null || SEVERITY.indexOf(span.impact) > SEVERITY.indexOf(sofar) ? span.impact : sofar),
    null,
  );
  const providedSeconds = seconds(providedMs);
  const downtimeSeconds = seconds(downtimeMs);
  return {
    downtimeSeconds,
    providedSeconds,
    value: providedSeconds > 0 ? (providedSeconds - downtimeSeconds) / providedSeconds : null,
    worstImpact: worst ?? (windows.length > 0 ? 'maintenance' : null),
  };
}

/** Several services' figures added up (the overall figure: every service's time counts). */
export function combinedAvailability(figures: readonly AvailabilityFigure[]): Omit<AvailabilityFigure, 'worstImpact'> {
  const providedSeconds = seconds(figures.reduce((sum, figure) => sum + figure.providedSeconds * 1000, 0));
  const downtimeSeconds = seconds(figures.reduce((sum, figure) => sum + figure.downtimeSeconds * 1000, 0));
  return {
    downtimeSeconds,
    providedSeconds,
    value: providedSeconds > 0 ? (providedSeconds - downtimeSeconds) / providedSeconds : null,
  };
}

/** One change on an incident's timeline: its status and the impact in force from then on. */
export interface IncidentStep {
  at: number;
  status: IncidentStatus;
  impact: IncidentImpact;
}

/**
 * The spans an incident held its services at each impact, from its detection (its first step's
 * impact applies from then, not from when someone wrote it down) to its resolution. A step that
 * resolves ends the span; a later step that reopens it starts a new one from its own time.
 */
export function impactSpans(detectedAt: number, steps: readonly IncidentStep[]): ImpactSpan[] {
  const ordered = [...steps].sort((a, b) => a.at - b.at);
  const spans: ImpactSpan[] = [];
  let open: { from: number; impact: IncidentImpact } | null = null;
  ordered.forEach((step, index) => {
    const at = index === 0 ? Math.min(detectedAt, step.at) : step.at;
    if (open && (step.status === 'resolved' || step.impact !== open.impact)) {
      if (at > open.from) spans.push({ from: open.from, to: at, impact: open.impact });
      open = null;
    }
    if (step.status !== 'resolved' && !open) open = { from: at, impact: step.impact };
  });
  if (open) spans.push({ ...(open as { from: number; impact: IncidentImpact }), to: null });
  return spans;
}
