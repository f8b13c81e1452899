import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { DomainError, ValidationFailedError } from '@madoguchi/common';

import { fieldProblems } from '../http/validation.pipe';

export type FieldErrors = Record<string, string[]>;

/** A `datetime-local` field's value, read as Japan time (the desk's zone), as ISO 8601; empty stays absent. */
export function localInstant(local: string | undefined): string | undefined {
  return local ? `${local}:00+09:00` : undefined;
}

/** What a form page needs to show again after a refused submission. */
export interface FormFailure {
  form: Record<string, unknown>;
  errors: FieldErrors;
  error?: string;
}

/** Validates a submitted form against the same DTO the API uses; empty fields count as absent. */
export async function parseForm<T extends object>(
  dto: new () => T,
  body: Record<string, unknown>,
): Promise<{ value: T; errors: null } | { value: null; errors: FieldErrors }> {
  const fields = Object.fromEntries(Object.entries(body).filter(([name, value]) => name !== '_csrf' && value !== ''));
  const value = plainToInstance(dto, fields);
  const problems = fieldProblems(await validate(value, { whitelist: true }));
  if (problems.length === 0) return { value, errors: null };
  return { value: null, errors: Object.fromEntries(problems.map((p) => [p.field, p.messages])) };
}

/**
 * The one flow of every form: validate, run the use case, then either `succeeded` or `failed` with
 * field messages (a refused business rule shows as a message; anything else propagates).
 */
export async function submitForm<Dto extends object, Result>(options: {
  dto: new () => Dto;
  body: Record<string, unknown>;
  run: (value: Dto) => Promise<Result>;
  succeeded: (result: Result) => unknown;
  failed: (failure: FormFailure) => unknown;
}): Promise<unknown> {
  const form = await parseForm(options.dto, options.body);
  if (form.errors) return options.failed({ form: options.body, errors: form.errors });
  let result: Result;
  try {
    result = await options.run(form.value);
  } catch (error) {
    if (error instanceof ValidationFailedError) {
      const errors = Object.fromEntries(error.fieldProblems.map((p) => [p.field, p.messages]));
      return options.failed({ form: options.body, errors });
    }
    if (error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'rule-violation')) {
      return options.failed({ form: options.body, errors: {}, error: error.message });
    }
    throw error;
  }
  return options.succeeded(result);
}
