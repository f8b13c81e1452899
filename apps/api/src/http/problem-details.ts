import type { FieldProblem } from '@madoguchi/common';

/** An RFC 9457 problem document, with Madoguchi's extension members. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable machine-readable code, e.g. `validation.failed`. */
  code: string;
  requestId?: string;
  /** Present on validation problems: what is wrong with each field. */
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are documented URIs; `about:blank` would tell clients nothing. */
export function problemType(code: string): string {
  return `https://madoguchi.dev/problems/${code.replace(/\./g, '/')}`;
}
