import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { formatInZone, zonedToEpoch } from '@madoguchi/business-calendar';
import { DomainError, ValidationFailedError } from '@madoguchi/common';

import { fieldViolations, localizedFieldProblem, violationMessage } from '../../http/field-violations';
import type { Language } from '../../i18n/i18n';

export type FieldErrors = Record<string, string[]>;

/** A form body as Fastify parses it: a field sent twice (checkboxes) arrives as an array. */
export type FormFields = Record<string, string | string[] | undefined>;

/** A field meant to be sent once: its first value if a crafted form repeats it. */
export function formValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Checkboxes of one name: none, one or several values, always as a list. */
export function formValues(value: string | string[] | undefined): string[] {
  return ([] as string[]).concat(value ?? []);
}

/**
 * A `datetime-local` field's value (`2026-12-02T13:01`), read in the desk's zone, as ISO 8601; empty
 * stays absent, and a malformed value is passed on as it is for the DTO to refuse.
 */
export function localInstant(local: string | undefined, timeZone: string): string | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local ?? '');
  if (!parts) return local || undefined;
  const [year, month, day, hour, minute] = parts.slice(1).map(Number) as [number, number, number, number, number];
  return formatInZone(zonedToEpoch(year, month, day, hour * 60 + minute, timeZone), timeZone);
}

/** What a form page needs to show again after a refused submission. */
export interface FormFailure {
  form: Record<string, unknown>;
  errors: FieldErrors;
  /** The form's refusal as a whole: a refused business rule is told in the reader's words when rendered. */
  error?: string | DomainError;
}

/** What every page with a form carries: the values to show, their messages, a form-level error or a notice. */
export interface FormState {
  form: Record<string, unknown>;
  errors: FieldErrors;
  error?: string | DomainError;
  notice?: string;
}

/** A page's form as first shown: empty, or filled with `form`. */
export const freshForm = (form: Record<string, unknown> = {}): FormState => ({ form, errors: {} });

/**
 * Validates a submitted form against the same DTO the API uses; empty fields count as absent. Each
 * refused field gets one message in the reader's language.
 */
export async function parseForm<T extends object>(
  dto: new () => T,
  body: Record<string, unknown>,
  language: Language,
): Promise<{ value: T; errors: null } | { value: null; errors: FieldErrors }> {
  const fields = Object.fromEntries(Object.entries(body).filter(([name, value]) => name !== '_csrf' && value !== ''));
  const value = plainToInstance(dto, fields);
  const violations = fieldViolations(
    await validate(value, { whitelist: true, validationError: { target: true, value: true } }),
  );
  if (violations.length === 0) return { value, errors: null };
  return {
    value: null,
    errors: Object.fromEntries(violations.map((v) => [v.field, [violationMessage(v, language)]])),
  };
}

/**
 * The one flow of every form: validate, run the use case, then either `succeeded` or `failed` with
 * field messages (a refused business rule shows as a message; anything else propagates).
 */
export async function submitForm<Dto extends object, Result, Succeeded, Failed>(options: {
  dto: new () => Dto;
  body: Record<string, unknown>;
  /** The reader's: field messages are told in it. */
  language: Language;
  run: (value: Dto) => Promise<Result>;
  succeeded: (result: Result) => Succeeded | Promise<Succeeded>;
  failed: (failure: FormFailure) => Failed | Promise<Failed>;
}): Promise<Succeeded | Failed> {
  const form = await parseForm(options.dto, options.body, options.language);
  if (form.errors) return options.failed({ form: options.body, errors: form.errors });
  let result: Result;
  try {
    result = await options.run(form.value);
  } catch (error) {
    if (error instanceof ValidationFailedError) {
      // A field may be refused more than once (each of several files): every message is shown.
      const errors: FieldErrors = {};
      for (const problem of error.fieldProblems) {
        const { field, messages } = localizedFieldProblem(problem, options.language);
        errors[field] = [...(errors[field] ?? []), ...messages];
      }
      return options.failed({ form: options.body, errors });
    }
    if (error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'rule-violation')) {
      return options.failed({ form: options.body, errors: {}, error });
    }
    throw error;
  }
  return options.succeeded(result);
}
