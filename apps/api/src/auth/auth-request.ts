import type { FastifyRequest } from 'fastify';

import type { Principal, RequestContext } from '@madoguchi/common';

export const SESSION_COOKIE = 'madoguchi_session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

/** What the auth guard learns about a request and leaves on it for controllers. */
export interface AuthState {
  principal: Principal;
  tokenId: string;
  kind: 'api' | 'session';
  /** The raw session token, present for cookie sessions (the CSRF token derives from it). */
  sessionToken?: string;
}

export type AuthenticatedRequest = FastifyRequest & { auth?: AuthState };

export function requestContextOf(request: AuthenticatedRequest): RequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    actor: request.auth?.principal ?? null,
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent : null,
    requestId: String(request.id),
  };
}
