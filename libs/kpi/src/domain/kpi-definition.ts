import { type AvailabilityRules, DEFAULT_AVAILABILITY_RULES } from '@madoguchi/notices/domain';
import { CALL_OUTCOMES, type CallOutcome } from '@madoguchi/telephony/domain';

/** What the published KPIs are measured against; stored as numbered versions. */
export interface KpiDefinition {
  /** The calendar whose open time is the desk's scheduled time. */
  calendarId: string;
  /** A call answered after waiting at most this long meets the answer target. */
  answerTargetSeconds: number;
  /** Calls that left a queue (as one of `abandonedOutcomes`) after waiting less than this are short abandons. */
  shortAbandonSeconds: number;
  /** Which outcomes count as abandoned. */
  abandonedOutcomes: CallOutcome[];
  /** What the dashboard compares each rate with (abandonment: at most; the others: at least). */
  /** How service availability weighs incidents and maintenance. */
  availability: AvailabilityRules;
  targets: {
    supportOperatingRate: number;
    abandonmentRate: number;
    responseTimeComplianceRate: number;
    completionWithinStandardTimeRate: number;
    serviceLevel: number;
    serviceAvailability: number;
  };
}

/** The reference the disclosure measures availability against. */
export const DEFAULT_SERVICE_AVAILABILITY_TARGET = 0.995;

/**
 * A stored version as the report reads it: versions written before service availability was
 * measured read with its defaults (the rules and target that were then the only ones).
 */
export function completeDefinition(stored: KpiDefinition): KpiDefinition {
  const targets: Partial<KpiDefinition['targets']> = stored.targets;
  return {
    ...stored,
    availability: { ...DEFAULT_AVAILABILITY_RULES, ...stored.availability },
    targets: {
      ...stored.targets,
      serviceAvailability: targets.serviceAvailability ?? DEFAULT_SERVICE_AVAILABILITY_TARGET,
    },
  };
}

export const KPI_TARGET_NAMES = [
  'supportOperatingRate',
  'abandonmentRate',
  'responseTimeComplianceRate',
  'completionWithinStandardTimeRate',
  'serviceLevel',
  'serviceAvailability',
] as const;

type Problem = { field: string; messages: string[]; rule: string };

// Each kind of problem with its rule, so readers get it in their words (`validation.<rule>`).
const notSeconds = (field: string): Problem => ({
  field,
  messages: [`${field} must be a whole number of seconds, 0 or more`],
  rule: 'kpi.seconds',
});
const noOutcomes = (field: string): Problem => ({
  field,
  messages: [`${field} must list some of ${CALL_OUTCOMES.join(', ')}`],
  rule: 'kpi.abandoned-outcomes',
});
const notRatio = (field: string): Problem => ({ field, messages: [`${field} must be 0 to 1`], rule: 'kpi.target' });

const isSeconds = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;

/** Problems with a proposed definition, field by field; empty when it is valid. */
export function kpiDefinitionProblems(definition: KpiDefinition): Problem[] {
  const problems: Problem[] = [];
  if (!isSeconds(definition.answerTargetSeconds)) problems.push(notSeconds('answerTargetSeconds'));
  if (!isSeconds(definition.shortAbandonSeconds)) problems.push(notSeconds('shortAbandonSeconds'));
  const outcomes = definition.abandonedOutcomes;
  if (
    !Array.isArray(outcomes) ||
    outcomes.length === 0 ||
    !outcomes.every((o) => (CALL_OUTCOMES as readonly string[]).includes(o))
  ) {
    problems.push(noOutcomes('abandonedOutcomes'));
  }
  const weight = definition.availability?.partialOutageWeight;
  if (!(typeof weight === 'number' && weight >= 0 && weight <= 1))
    problems.push(notRatio('availability.partialOutageWeight'));
  if (typeof definition.availability?.emergencyMaintenanceIsDowntime !== 'boolean')
    problems.push({
      field: 'availability.emergencyMaintenanceIsDowntime',
      messages: ['availability.emergencyMaintenanceIsDowntime must be true or false'],
      rule: 'boolean',
    });
  for (const name of KPI_TARGET_NAMES) {
    const target = definition.targets?.[name];
    if (!(typeof target === 'number' && target >= 0 && target <= 1)) problems.push(notRatio(`targets.${name}`));
  }
  return problems;
}
