import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { DomainError } from '@madoguchi/common';

import type { AuthenticatedRequest } from '../../auth/auth-request';
import type { ProblemDetails, ProblemPages } from '../../http/problem-details';
import type { Language } from '../../i18n/i18n';
import { languageOf } from './page-language';
import { PageResponder } from './page-responder';

/** The statuses with their own words on an error page; others are told as their class's (400 or 500). */
export const ERROR_PAGE_STATUSES = [400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503] as const;
type ErrorPageStatus = (typeof ERROR_PAGE_STATUSES)[number];

/** What the error page shows: the status's words, a way back, and the reference to quote to support. */
export interface ErrorPage {
  status: number;
  /** The catalog's `error.<kind>.title` / `.body`. */
  kind: ErrorPageStatus;
  requestId: string | undefined;
  /** Where to sign in and come back, when signing in would help. */
  signInPath: string | null;
  /** A refused business rule says what it was (the layout words it in the reader's language). */
  error?: DomainError;
  /** Refused fields' messages, already in the reader's language (a form the page could not show again). */
  fieldMessages: string[];
}

/** HTML error pages, in the reader's language, for every request that is not the API's and accepts HTML. */
@Injectable()
export class ErrorPages implements ProblemPages {
  constructor(private readonly pages: PageResponder) {}

  accepts(request: FastifyRequest): boolean {
    const accept = request.headers.accept;
    return !request.url.startsWith('/api/') && typeof accept === 'string' && accept.includes('text/html');
  }

  languageOf(request: FastifyRequest): Language {
    return languageOf(request as AuthenticatedRequest);
  }

  render(request: FastifyRequest, reply: FastifyReply, problem: ProblemDetails, exception: unknown) {
    const known = ERROR_PAGE_STATUSES.find((status) => status === problem.status);
    const model: ErrorPage = {
      status: problem.status,
      kind: known ?? (problem.status >= 500 ? 500 : 400),
      requestId: problem.requestId,
      signInPath: problem.status === 401 ? `/login?next=${encodeURIComponent(request.url)}` : null,
      error: exception instanceof DomainError ? exception : undefined,
      fieldMessages: [...new Set((problem.errors ?? []).flatMap((field) => field.messages))],
    };
    return this.pages.render(request as AuthenticatedRequest, reply, 'shared/error', model, problem.status);
  }
}
