/** A figure with what it was computed from: a rate or mean with no denominator has `value: null`. */
export interface Figure {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface CallStats {
  offered: number;
  answered: number;
  answeredWithinTarget: number;
  abandoned: number;
  timeout: number;
  shortAbandons: number;
  waitSecondsOfAnswered: number;
  /** Answered calls whose conversation has ended, and their talk time (AHT is taken over these). */
  answeredAndEnded: number;
  talkSecondsOfEnded: number;
}

export interface TicketStats {
  /** Web (and API) and e-mail tickets whose first response fell due in the period, and those answered in time. */
  responseDue: { web: number; email: number };
  respondedInTime: { web: number; email: number };
  solved: number;
  solvedInTime: number;
  slaBreaches: number;
  /** Solved tickets opened again (by the customer's reply or an agent) in the period. */
  reopens: number;
}

export interface OperatingStats {
  scheduledSeconds: number;
  operatingSeconds: number;
}

/** Median and 90th percentile of a duration (seconds), and how many values they were taken over. */
export interface Percentiles {
  medianSeconds: number | null;
  p90Seconds: number | null;
  count: number;
}

export interface DurationStats {
  firstResponse: Percentiles;
  resolution: Percentiles;
}

export const NO_DURATIONS: DurationStats = {
  firstResponse: { medianSeconds: null, p90Seconds: null, count: 0 },
  resolution: { medianSeconds: null, p90Seconds: null, count: 0 },
};

export const EMPTY_CALLS: CallStats = {
  offered: 0,
  answered: 0,
  answeredWithinTarget: 0,
  abandoned: 0,
  timeout: 0,
  shortAbandons: 0,
  waitSecondsOfAnswered: 0,
  answeredAndEnded: 0,
  talkSecondsOfEnded: 0,
};

export const EMPTY_TICKETS: TicketStats = {
  responseDue: { web: 0, email: 0 },
  respondedInTime: { web: 0, email: 0 },
  solved: 0,
  solvedInTime: 0,
  slaBreaches: 0,
  reopens: 0,
};

/** Aggregates are sums, so a total is the sum of its groups (each row belongs to exactly one group). */
export function sumCalls(parts: Iterable<CallStats>): CallStats {
  const total = { ...EMPTY_CALLS };
  for (const part of parts) for (const key of Object.keys(total) as Array<keyof CallStats>) total[key] += part[key];
  return total;
}

export function sumTickets(parts: Iterable<TicketStats>): TicketStats {
  const total: TicketStats = structuredClone(EMPTY_TICKETS);
  for (const part of parts) {
    for (const channel of ['web', 'email'] as const) {
      total.responseDue[channel] += part.responseDue[channel];
      total.respondedInTime[channel] += part.respondedInTime[channel];
    }
    total.solved += part.solved;
    total.solvedInTime += part.solvedInTime;
    total.slaBreaches += part.slaBreaches;
    total.reopens += part.reopens;
  }
  return total;
}

export function sumOperating(parts: Iterable<OperatingStats>): OperatingStats {
  const total = { scheduledSeconds: 0, operatingSeconds: 0 };
  for (const part of parts) {
    total.scheduledSeconds += part.scheduledSeconds;
    total.operatingSeconds += part.operatingSeconds;
  }
  return total;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function ratio(numerator: number, denominator: number, digits = 6): Figure {
  return { value: denominator === 0 ? null : round(numerator / denominator, digits), numerator, denominator };
}

/**
 * The KPIs of one period (or group) from its aggregates, as DESIGN.md defines them. Rates keep
 * their numerator and denominator; the response-time compliance rate is the sum of the channels'
 * numerators over the sum of their denominators.
 */
export function kpiFigures(
  calls: CallStats,
  tickets: TicketStats,
  operating: OperatingStats | null,
  durations: DurationStats = NO_DURATIONS,
) {
  const phone = ratio(calls.answeredWithinTarget, calls.offered);
  const web = ratio(tickets.respondedInTime.web, tickets.responseDue.web);
  const email = ratio(tickets.respondedInTime.email, tickets.responseDue.email);
  const compliance = ratio(
    phone.numerator + web.numerator + email.numerator,
    phone.denominator + web.denominator + email.denominator,
  );
  return {
    supportOperatingRate: operating ? ratio(operating.operatingSeconds, operating.scheduledSeconds) : null,
    abandonmentRate: ratio(calls.abandoned, calls.offered),
    responseTimeComplianceRate: { ...compliance, byChannel: { phone, web, email } },
    completionWithinStandardTimeRate: ratio(tickets.solvedInTime, tickets.solved),
    serviceLevel: ratio(calls.answeredWithinTarget, calls.answered),
    averageSpeedOfAnswerSeconds: ratio(calls.waitSecondsOfAnswered, calls.answered, 1),
    averageHandleTimeSeconds: ratio(calls.talkSecondsOfEnded, calls.answeredAndEnded, 1),
    abandonedCalls: { value: calls.abandoned },
    abandonedCallsIncludingShort: { value: calls.abandoned + calls.shortAbandons },
    slaBreaches: { value: tickets.slaBreaches },
    reopenRate: ratio(tickets.reopens, tickets.solved),
    firstResponseBusinessSeconds: durations.firstResponse,
    resolutionBusinessSeconds: durations.resolution,
  };
}

export function callCounts(calls: CallStats) {
  return {
    offered: calls.offered,
    answered: calls.answered,
    abandoned: calls.abandoned,
    timeout: calls.timeout,
    shortAbandons: calls.shortAbandons,
  };
}
