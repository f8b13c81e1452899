import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  Res,
  SetMetadata,
  UnauthorizedException,
  UseInterceptors,
} from '@nestjs/common';

import type { Principal } from '@madoguchi/common';

import type { AuthenticatedRequest } from '../../auth/auth-request';
import type { Language } from '../../i18n/i18n';
import { PageInterceptor } from './page.interceptor';
import { languageOf } from './page-language';
import { PAGE_OPTIONS, type PageOptions } from './page-result';

/**
 * Marks a page handler. It returns its view's model (or `page(...)` for another status or view,
 * or `redirectTo(...)`); the page interceptor renders it in the reader's language with the layout's
 * context (viewer, CSRF token), so no handler touches the reply. A handler that only redirects
 * (a form's action that renders nothing) names no view.
 */
export function Page(view?: string, options: Omit<PageOptions, 'view'> = {}): MethodDecorator {
  const decorators = applyDecorators(SetMetadata(PAGE_OPTIONS, { ...options, view }), UseInterceptors(PageInterceptor));
  return (target, key, descriptor) => {
    decorators(target, key, descriptor);
    // The interceptor sends the reply itself (Nest would otherwise overwrite a 400 of a refused form
    // with the route's default status): a reply parameter after the handler's own tells Nest so.
    const declared = (Reflect.getMetadata('design:paramtypes', target, key) as unknown[] | undefined)?.length ?? 0;
    Res()(target, key, declared);
  };
}

/** The signed-in person viewing the page (the route must not be public). */
export const Viewer = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().auth?.principal;
  if (!principal) throw new UnauthorizedException();
  return principal;
});

/** The signed-in person viewing the page, or null on a public page visited anonymously. */
export const OptionalViewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | null =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().auth?.principal ?? null,
);

/** The reader's language: the one chosen on the site, else the user's own, else Japanese. */
export const ReaderLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): Language =>
  languageOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);

export { page, type PageResponse, PageResult, Redirect, redirectTo } from './page-result';
