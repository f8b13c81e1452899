import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

import type { Params } from 'nestjs-pino';

import type { LogLevel } from '@madoguchi/config';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Reuses a well-formed incoming X-Request-Id (from a proxy or client) or makes a new one. */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const incoming = headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Gives the raw request its id once, so that the HTTP server, the logs and error bodies all
 * report the same one.
 */
export function assignRequestId(request: Pick<IncomingMessage, 'headers'>): string {
  const carrier = request as { headers: IncomingHttpHeaders; id?: string };
  carrier.id ??= requestIdFrom(request.headers);
  return carrier.id;
}

/** Structured JSON logs (pino) with the request id on every line logged during a request. */
export function loggerParams(level: LogLevel): Params {
  return {
    pinoHttp: {
      level,
      genReqId: (request) => assignRequestId(request),
      customProps: (request) => ({ requestId: request.id }),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      autoLogging: { ignore: (request) => request.url === '/health/live' || request.url === '/metrics' },
    },
  };
}
