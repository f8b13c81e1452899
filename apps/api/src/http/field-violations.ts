import type { ValidationError } from 'class-validator';
import { getMetadataStorage } from 'class-validator';

import { type FieldProblem, ValidationFailedError } from '@madoguchi/common';

import { isMessageKey, type Language, translator } from '../i18n/i18n';

/**
 * What can be wrong with a field, one rule per field, named so that a catalog can say it in the
 * reader's language (`validation.<rule>`, with the rule's figures as placeholders).
 */
export const VIOLATION_RULES = [
  'required',
  'text',
  'integer',
  'number',
  'boolean',
  'list',
  'object',
  'maxLength',
  'minLength',
  'lengthBetween',
  'min',
  'max',
  'listMax',
  'listMin',
  'email',
  'id',
  'instant',
  'choice',
  'accept',
  'singleLine',
  'phone',
  'code',
  'month',
  'duration',
  'format',
  'unknown',
] as const;
export type ViolationRule = (typeof VIOLATION_RULES)[number];

export interface FieldViolation {
  /** The field's path, `message.ja` for a nested one. */
  field: string;
  rule: ViolationRule;
  params: Record<string, string>;
}

/**
 * The order in which a field's failed constraints are told: the first one that failed is the field's
 * one message (a wrong type before a wrong length, a length before a format).
 */
const CONSTRAINT_RULES: Array<[constraint: string, rule: ViolationRule]> = [
  ['whitelistValidation', 'unknown'],
  ['isString', 'text'],
  ['isInt', 'integer'],
  ['isNumber', 'number'],
  ['isBoolean', 'boolean'],
  ['isArray', 'list'],
  ['isObject', 'object'],
  ['isLength', 'lengthBetween'],
  ['minLength', 'minLength'],
  ['maxLength', 'maxLength'],
  ['min', 'min'],
  ['max', 'max'],
  ['arrayMinSize', 'listMin'],
  ['arrayMaxSize', 'listMax'],
  ['isEmail', 'email'],
  ['isUuid', 'id'],
  ['isIso8601', 'instant'],
  ['isDateString', 'instant'],
  ['isIn', 'choice'],
  ['isEnum', 'choice'],
  ['equals', 'accept'],
  ['matches', 'format'],
];

/** A constraint's own figures (`@Length(1, 100)` → [1, 100]), from class-validator's metadata. */
function constraintArguments(error: ValidationError, constraint: string): unknown[] {
  const target = error.target?.constructor;
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((entry) => entry.propertyName === error.property && entry.name === constraint);
  return (metadata?.constraints as unknown[] | undefined) ?? [];
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A field's one violation: the first of its failed constraints in `CONSTRAINT_RULES`' order. */
function violationOf(error: ValidationError, field: string): FieldViolation {
  const failed = Object.keys(error.constraints ?? {});
  if (isEmpty(error.value) && !failed.includes('whitelistValidation')) return { field, rule: 'required', params: {} };
  const [constraint, rule] = CONSTRAINT_RULES.find(([name]) => failed.includes(name)) ?? [failed[0]!, 'format'];
  // A constraint may name a more telling rule than its own (`@SingleLine()` is a `matches`).
  const named = (error.contexts?.[constraint] as { rule?: ViolationRule } | undefined)?.rule;
  const args = constraintArguments(error, constraint);
  if (rule === 'lengthBetween') {
    const [min, max] = args as [number, number | undefined];
    if (max === undefined) return { field, rule: 'minLength', params: { min: String(min) } };
    return min <= 1
      ? { field, rule: 'maxLength', params: { max: String(max) } }
      : { field, rule: 'lengthBetween', params: { min: String(min), max: String(max) } };
  }
  const first = args[0];
  const params: Record<string, string> = {};
  if (['minLength', 'min', 'listMin'].includes(rule)) params.min = String(first);
  if (['maxLength', 'max', 'listMax'].includes(rule)) params.max = String(first);
  return { field, rule: named ?? rule, params };
}

/** class-validator's tree as one violation per field path (`message.ja`), in the order of the fields. */
export function fieldViolations(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [violationOf(error, field)] : [];
    return [...own, ...fieldViolations(error.children ?? [], field)];
  });
}

/** A field's violation as its one message in a language. */
export function violationMessage(violation: FieldViolation, language: Language): string {
  return translator(language)(`validation.${violation.rule}`, violation.params);
}

/** The violations as the API's field problems, one message each, in a language. */
export function fieldProblemsIn(violations: readonly FieldViolation[], language: Language): FieldProblem[] {
  return violations.map((violation) => ({ field: violation.field, messages: [violationMessage(violation, language)] }));
}

/**
 * A request DTO refused by class-validator: its field problems in English, and the violations kept
 * so that the problem can be told in the language the client asks for.
 */
/** A foreign key Postgres refused, as the field that named the missing row. */
export function missingReferenceProblem(reference: { field: string; table: string }): FieldProblem {
  return { field: reference.field, messages: [`no such ${reference.table} row`], rule: 'reference.unknown' };
}

export class InvalidFieldsError extends ValidationFailedError {
  constructor(readonly violations: FieldViolation[]) {
    super(fieldProblemsIn(violations, 'en'));
  }
}

/**
 * A use case's field problem (English, with its `rule`) as the API shows it: in the reader's
 * words where the catalog has the rule, as it is otherwise; the rule itself stays inside.
 */
export function localizedFieldProblem(problem: FieldProblem, language: Language): FieldProblem {
  const key = `validation.${problem.rule}`;
  const messages = problem.rule && isMessageKey(key) ? [translator(language)(key, problem.params)] : problem.messages;
  return { field: problem.field, messages };
}
