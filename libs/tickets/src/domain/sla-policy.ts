import type { SlaTargets } from './sla';

/** Which tickets a policy covers; an absent condition matches any value. */
export interface SlaConditions {
  channel?: string;
  priority?: string;
  category?: string;
  organizationId?: string;
}

export interface SlaPolicy {
  id: string;
  name: string;
  /** Lower positions are tried first. */
  position: number;
  conditions: SlaConditions;
  calendarId: string;
  firstResponseMs: number;
  resolutionMs: number;
}

export interface TicketTraits {
  channel: string;
  priority: string;
  category: string | null;
  organizationId: string | null;
}

export function policyMatches(policy: SlaPolicy, ticket: TicketTraits): boolean {
  const c = policy.conditions;
  return (
    (c.channel === undefined || c.channel === ticket.channel) &&
    (c.priority === undefined || c.priority === ticket.priority) &&
    (c.category === undefined || c.category === ticket.category) &&
    (c.organizationId === undefined || c.organizationId === ticket.organizationId)
  );
}

/** The targets of the first policy (by position) that matches; `fallback` when none does. */
export function selectSlaTargets(policies: SlaPolicy[], ticket: TicketTraits, fallback: SlaTargets): SlaTargets {
  const policy = [...policies].sort((a, b) => a.position - b.position).find((p) => policyMatches(p, ticket));
  return policy
    ? { calendarId: policy.calendarId, firstResponseMs: policy.firstResponseMs, resolutionMs: policy.resolutionMs }
    : fallback;
}
