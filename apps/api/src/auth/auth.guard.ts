import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { bearerToken, type Role, roleSatisfies, secretMatches } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { AuthService, csrfTokenFor } from '@madoguchi/identity';

import { PUBLIC_ROUTE, REQUIRED_ROLE, SHARED_SECRET, type SharedSecretSetting } from './auth.decorators';
import { AuthenticatedRequest, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE } from './auth-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const bearerOf = (request: AuthenticatedRequest) => bearerToken(request.headers.authorization);

/**
 * Every route requires a signed-in user unless marked @Public. A bearer token (API clients) or
 * the session cookie (web UI) identifies the user; cookie-authenticated writes must also carry
 * the session's CSRF token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const secret = this.reflector.getAllAndOverride<SharedSecretSetting | undefined>(SHARED_SECRET, targets);
    if (secret && secretMatches(bearerOf(request), this.config[secret])) return true;
    await this.identify(request);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const auth = request.auth;
    if (!auth) throw new UnauthorizedException('Sign in first: send a bearer token or a session cookie.');
    if (auth.sessionToken && !SAFE_METHODS.has(request.method)) this.checkCsrf(request, auth.sessionToken);
    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    if (required && !roleSatisfies(auth.principal.role, required)) {
      throw new ForbiddenException(`This needs the ${required} role.`);
    }
    return true;
  }

  private async identify(request: AuthenticatedRequest): Promise<void> {
    if (request.auth) return;
    const bearer = bearerOf(request);
    const session = (request as { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE];
    const token = bearer ?? session;
    if (!token) return;
    const found = await this.auth.authenticate(token);
    // The cookie carries web sessions only: an API token planted in it (say, by a sibling subdomain)
    // would otherwise skip the CSRF check, which is for cookie-borne credentials.
    if (!found || (!bearer && found.kind !== 'session')) return;
    request.auth = { ...found, sessionToken: bearer ? undefined : token };
  }

  private checkCsrf(request: AuthenticatedRequest, sessionToken: string): void {
    const header = request.headers[CSRF_HEADER];
    const field = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const presented = typeof header === 'string' ? header : typeof field === 'string' ? field : '';
    if (!secretMatches(presented, csrfTokenFor(sessionToken))) {
      throw new ForbiddenException(
        'The form has expired or did not come from this site (CSRF token missing or wrong). Reload the page.',
      );
    }
  }
}
