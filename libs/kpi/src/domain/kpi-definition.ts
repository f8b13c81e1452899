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
  targets: {
    supportOperatingRate: number;
    abandonmentRate: number;
    responseTimeComplianceRate: number;
    completionWithinStandardTimeRate: number;
    serviceLevel: number;
  };
}

export const KPI_TARGET_NAMES = [
  'supportOperatingRate',
  'abandonmentRate',
  'responseTimeComplianceRate',
  'completionWithinStandardTimeRate',
  'serviceLevel',
] as const;

/** Problems with a proposed definition, field by field; empty when it is valid. */
export function kpiDefinitionProblems(definition: KpiDefinition): Array<{ field: string; messages: string[] }> {
  const problems: Array<{ field: string; messages: string[] }> = [];
  const check = (field: string, ok: boolean, message: string) => ok || problems.push({ field, messages: [message] });
  check(
    'answerTargetSeconds',
    Number.isInteger(definition.answerTargetSeconds) && definition.answerTargetSeconds >= 0,
    'answerTargetSeconds must be a whole number of seconds, 0 or more',
  );
  check(
    'shortAbandonSeconds',
    Number.isInteger(definition.shortAbandonSeconds) && definition.shortAbandonSeconds >= 0,
    'shortAbandonSeconds must be a whole number of seconds, 0 or more',
  );
  check(
    'abandonedOutcomes',
    Array.isArray(definition.abandonedOutcomes) &&
      definition.abandonedOutcomes.length > 0 &&
      definition.abandonedOutcomes.every((o) => (CALL_OUTCOMES as readonly string[]).includes(o)),
    `abandonedOutcomes must list some of ${CALL_OUTCOMES.join(', ')}`,
  );
  for (const name of KPI_TARGET_NAMES) {
    const target = definition.targets?.[name];
    check(
      `targets.${name}`,
      typeof target === 'number' && target >= 0 && target <= 1,
      `targets.${name} must be 0 to 1`,
    );
  }
  return problems;
}
