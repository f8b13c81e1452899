import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { DomainError, ValidationFailedError } from '@madoguchi/common';

import { fieldProblems } from '../http/validation.pipe';

export type FieldErrors = Record<string, string[]>;

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

/** Turns a use case's refusal into messages for the form, or rethrows what a form cannot show. */
export function formErrorsOf(error: unknown): { errors: FieldErrors; message?: string } {
  if (error instanceof ValidationFailedError) {
    return { errors: Object.fromEntries(error.fieldProblems.map((p) => [p.field, p.messages])) };
  }
  if (error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'rule-violation')) {
    return { errors: {}, message: error.message };
  }
  throw error;
}
