import type { FastifyReply, FastifyRequest } from 'fastify';

import type { FieldProblem } from '@madoguchi/common';

import type { Language } from '../i18n/i18n';

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

/**
 * Shows a problem to a person as a page instead (HTML error pages): the web layer provides it, so
 * the API's filter does not depend on pages.
 */
export interface ProblemPages {
  /** Whether this request is a person's page request that accepts HTML. */
  accepts(request: FastifyRequest): boolean;
  /** The language the page is read in (the reader's choice, not only the browser's header). */
  languageOf(request: FastifyRequest): Language;
  /** `exception` is what was thrown: a domain error's own words can be told on the page. */
  render(request: FastifyRequest, reply: FastifyReply, problem: ProblemDetails, exception: unknown): Promise<unknown>;
}
