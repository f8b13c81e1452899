import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

import type { Principal, RequestContext, Role } from '@madoguchi/common';

import { AuthenticatedRequest, requestContextOf } from './auth-request';

export const PUBLIC_ROUTE = 'madoguchi.public';
export const REQUIRED_ROLE = 'madoguchi.required-role';

/** Open to anonymous visitors (the inquiry form, support hours, status page, login). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export const SHARED_SECRET = 'madoguchi.shared-secret';

/**
 * Also lets in a machine that presents this setting's value as its bearer token, with no user
 * behind it (a PBX, a mail server); when the setting is unset, only the usual sign-in works.
 */
export const AcceptsSharedSecret = (setting: SharedSecretSetting) => SetMetadata(SHARED_SECRET, setting);

export type SharedSecretSetting = 'PBX_FEED_TOKEN' | 'METRICS_TOKEN' | 'MONITORING_TOKEN';

/** The least role allowed; staff roles include the ones below them (admin ⊇ manager ⊇ agent). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().auth?.principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

/** Who and where from, for the audit log. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext =>
  requestContextOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
