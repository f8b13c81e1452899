import { randomBytes, timingSafeEqual } from 'node:crypto';

import type { FastifyReply } from 'fastify';

import type { AuthenticatedRequest } from '../../auth/auth-request';

const FORM_TOKEN_COOKIE = 'madoguchi_form_token';

/**
 * CSRF protection for forms used before sign-in (sign-in, the public inquiry form): a random value
 * in a cookie and in the form; another site can set neither.
 */
export function issueFormToken(reply: FastifyReply, cookieOptions: Record<string, unknown>): string {
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(FORM_TOKEN_COOKIE, token, { ...cookieOptions, maxAge: 3600 });
  return token;
}

export function formTokenMatches(request: AuthenticatedRequest, presented: string | undefined): boolean {
  const expected = request.cookies[FORM_TOKEN_COOKIE];
  if (!presented || !expected || presented.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(presented), Buffer.from(expected));
}
