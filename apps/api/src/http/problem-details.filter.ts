import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { DomainError, DomainErrorKind, ValidationFailedError } from '@madoguchi/common';
import { isDatabaseUnavailable, missingReference } from '@madoguchi/database';

import { type Language, preferredLanguage } from '../i18n/i18n';
import { problemText } from '../i18n/problem-text';
import {
  fieldProblemsIn,
  InvalidFieldsError,
  localizedFieldProblem,
  missingReferenceProblem,
} from './field-violations';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, type ProblemPages, problemType } from './problem-details';

export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  'rule-violation': HttpStatus.UNPROCESSABLE_ENTITY,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'rate-limited': HttpStatus.TOO_MANY_REQUESTS,
  'too-large': HttpStatus.PAYLOAD_TOO_LARGE,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** What a client is told to wait before retrying while the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

const CODE_BY_STATUS: Record<number, string> = {
  400: 'request.bad',
  401: 'auth.required',
  403: 'auth.forbidden',
  404: 'resource.not-found',
  405: 'request.method-not-allowed',
  413: 'request.too-large',
  415: 'request.unsupported-media-type',
  429: 'request.rate-limited',
};

/**
 * Every error leaves the API as application/problem+json: domain errors, Nest's, and crashes. A
 * person's page request (one that accepts HTML) gets the same problem as an error page instead.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(
    private readonly pages?: ProblemPages,
    private readonly denials?: { note(request: FastifyRequest, problem: ProblemDetails): void },
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<FastifyRequest>();
    const reply = context.getResponse<FastifyReply>();
    // The API speaks English unless the client asks for Japanese; pages follow the reader's choice.
    const page = this.pages?.accepts(request) ?? false;
    const language = page
      ? this.pages!.languageOf(request)
      : preferredLanguage(request.headers['accept-language'], 'en');
    const problem = this.toProblem(exception, language);
    problem.instance = request.url;
    problem.requestId = String(request.id);
    this.denials?.note(request, problem);
    if (typeof problem.retryAfterSeconds === 'number') reply.header('retry-after', String(problem.retryAfterSeconds));
    if (problem.status === 401 && request.method === 'GET' && page) {
      // A person opening a page without a session goes to the sign-in page, then back (a scraper gets the 401).
      reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      return;
    }
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: problem.requestId }, 'unhandled error');
    }
    if (page && this.pages) {
      // The error page needs the calendar's zone and the templates: if even that fails, the problem still goes out.
      void this.pages.render(request, reply, problem, exception).catch((error: unknown) => {
        this.logger.error({ err: error, requestId: problem.requestId }, 'error page failed');
        if (!reply.sent) this.sendProblem(reply, problem);
      });
      return;
    }
    this.sendProblem(reply, problem);
  }

  private sendProblem(reply: FastifyReply, problem: ProblemDetails): void {
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, language: Language): ProblemDetails {
    if (exception instanceof ValidationFailedError) {
      return {
        ...this.base('validation.failed', STATUS_BY_KIND[exception.kind], 'Validation failed', exception.message),
        // A use case's own problems keep their precise English for English clients.
        errors:
          exception instanceof InvalidFieldsError
            ? fieldProblemsIn(exception.violations, language)
            : exception.fieldProblems.map((problem) =>
                language === 'en'
                  ? { field: problem.field, messages: problem.messages }
                  : localizedFieldProblem(problem, language),
              ),
      };
    }
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      // English clients keep the precise developer's detail; others get the catalog's words.
      const detail =
        language === 'en' ? exception.message : (problemText(exception, language, null) ?? exception.message);
      return { ...exception.details, ...this.base(exception.code, status, titleFor(status), detail) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'server.error' : 'request.failed');
      const problem = this.base(code, status, titleFor(status), detailOf(exception));
      // Terminus answers 503 with the result of each check: keep it, it says what is down.
      const checks = (exception.getResponse() as { details?: unknown }).details;
      return checks
        ? { ...problem, code: 'health.unavailable', type: problemType('health.unavailable'), checks }
        : problem;
    }
    // A reference no use case checked (the row it names does not exist): the field that named it, not a 500.
    const reference = missingReference(exception);
    if (reference)
      return this.toProblem(
        new ValidationFailedError([missingReferenceProblem(reference)], 'rule-violation'),
        language,
      );
    // Fastify's own errors (malformed JSON, body too large) carry a statusCode.
    const statusCode = (exception as { statusCode?: number } | null)?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return this.base(
        CODE_BY_STATUS[statusCode] ?? 'request.bad',
        statusCode,
        titleFor(statusCode),
        (exception as Error).message,
      );
    }
    // The database is down or restarting: nothing was done, and the same request may be sent again.
    if (isDatabaseUnavailable(exception))
      return {
        ...this.base(
          'database.unavailable',
          HttpStatus.SERVICE_UNAVAILABLE,
          titleFor(503),
          'The database cannot be reached right now. Try again shortly (a request with an Idempotency-Key is safe to repeat).',
        ),
        retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      };
    return this.base('server.error', HttpStatus.INTERNAL_SERVER_ERROR, titleFor(500), 'An unexpected error occurred.');
  }

  private base(code: string, status: number, title: string, detail?: string): ProblemDetails {
    return { type: problemType(code), title, status, detail, code };
  }
}

function titleFor(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ? name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ') : 'Error';
}

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}
