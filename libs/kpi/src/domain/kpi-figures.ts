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
  talkSecondsOfAnswered: number;
}

export interface TicketStats {
  /** Web (and API) and e-mail tickets whose first response fell due in the period, and those answered in time. */
  responseDue: { web: number; email: number };
  respondedInTime: { web: number; email: number };
  solved: number;
  solvedInTime: number;
  slaBreaches: number;
}

export interface OperatingStats {
  scheduledSeconds: number;
  operatingSeconds: number;
}

export const EMPTY_CALLS: CallStats = {
  offered: 0,
  answered: 0,
  answeredWithinTarget: 0,
  abandoned: 0,
  timeout: 0,
  shortAbandons: 0,
  waitSecondsOfAnswered: 0,
  talkSecondsOfAnswered: 0,
};

export const EMPTY_TICKETS: TicketStats = {
  responseDue: { web: 0, email: 0 },
  respondedInTime: { web: 0, email: 0 },
  solved: 0,
  solvedInTime: 0,
  slaBreaches: 0,
};

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function ratio(numerator: number, denominator: number, digits = 6): Figure {
  return { value: denominator === 0 ? null : round(numerator / denominator, digits), numerator, denominator };
}

/**
 * The KPIs of one period (or group) from its aggregates, as DESIGN.md defines them. Rates keep
 * their numerator and denominator; the response-time compliance rate is the sum of the channels'
 * numerators over the sum of their denominators.
 */
export function kpiFigures(calls: CallStats, tickets: TicketStats, operating: OperatingStats | null) {
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
    averageHandleTimeSeconds: ratio(calls.talkSecondsOfAnswered, calls.answered, 1),
    abandonedCalls: { value: calls.abandoned },
    abandonedCallsIncludingShort: { value: calls.abandoned + calls.shortAbandons },
    slaBreaches: { value: tickets.slaBreaches },
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
