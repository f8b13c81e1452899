import { createHash, randomBytes } from 'node:crypto';

/** A bearer or session token: 256 random bits. Only its hash is stored. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The CSRF token of a web session, derived from the session token: a page from another site can
 * neither read the httpOnly cookie nor compute this, and nothing extra is stored.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}
