/** What page handlers return, and what the page interceptor makes of it. */

export const PAGE_OPTIONS = 'madoguchi.page';

export interface PageOptions {
  /** `<area>/<name>`: the template `web/<area>/views/<name>.eta`; none for a handler that only redirects. */
  view?: string;
  /**
   * Pages whose forms are sent before sign-in (sign-in, the public inquiry form) get a fresh form
   * token (`it.page.formToken`), set as a cookie too: login CSRF protection.
   */
  formToken?: boolean;
}

/** A cookie a redirect sets (`value`) or clears (`null`), on top of the site's cookie options. */
export interface CookieChange {
  name: string;
  value: string | null;
  expires?: Date;
  maxAge?: number;
  /** Readable by the page's scripts (the language choice); cookies are HTTP-only otherwise. */
  readableByScripts?: boolean;
}

/** A model rendered with another status, headers or view than the handler's default. */
export class PageResult<Model extends object = object> {
  constructor(
    readonly model: Model,
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly view: string | undefined,
    readonly cookies: CookieChange[] = [],
  ) {}
}

export class Redirect {
  constructor(
    readonly location: string,
    readonly cookies: CookieChange[],
  ) {}
}

export function page<Model extends object>(
  model: Model,
  options: { status?: number; headers?: Record<string, string>; view?: string; cookies?: CookieChange[] } = {},
): PageResult<Model> {
  return new PageResult(model, options.status ?? 200, options.headers ?? {}, options.view, options.cookies);
}

/** 303 See Other: after a form, the browser fetches the next page with GET. */
export function redirectTo(location: string, cookies: CookieChange[] = []): Redirect {
  return new Redirect(location, cookies);
}

/** What a page handler may return. */
export type PageResponse<Model extends object> = Model | PageResult<Model> | Redirect;

/** What an async use case resolves to: page models are built from these. */
export type Resolved<UseCase extends (...args: never[]) => unknown> = Awaited<ReturnType<UseCase>>;
