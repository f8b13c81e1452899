/**
 * What kind of failure a domain error is; the HTTP layer maps each kind to one status code, so
 * libraries never think in HTTP terms.
 */
export type DomainErrorKind =
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'rule-violation'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'too-large'
  | 'unavailable';

export interface FieldProblem {
  field: string;
  messages: string[];
  /**
   * What rule the field broke (`calendar.time-zone`), so a reader can be told in their language
   * (the API's catalog, `validation.<rule>`, with `params`); the messages stay English.
   */
  rule?: string;
  params?: Record<string, string>;
}

/** A business error with a stable code (e.g. `maintenance.notice-too-short`) that clients can rely on. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * Invalid input, reported field by field: malformed (`validation`, 400), or well-formed but refused by
 * what it names (`rule-violation`, 422: an assignee who is not active staff).
 */
export class ValidationFailedError extends DomainError {
  constructor(
    readonly fieldProblems: FieldProblem[],
    kind: 'validation' | 'rule-violation' = 'validation',
  ) {
    super('validation.failed', 'The request has invalid fields.', kind);
  }
}
