import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { CalendarService, SUPPORT_HOURS } from '@madoguchi/business-calendar';
import { AppConfig } from '@madoguchi/config';
import { csrfTokenFor } from '@madoguchi/identity';

import type { AuthenticatedRequest } from '../../auth/auth-request';
import { acceptsGzip, COMPRESS_FROM_CHARS, gzip } from '../../http/compression';
import { issueFormToken } from './form-token';
import { languageOf } from './page-language';
import { type CookieChange, PageResult, Redirect } from './page-result';
import { PreparedHtml } from './prepared-html';
import { PageContext, ViewRenderer } from './view-renderer';

/** A page kept whole for every anonymous reader: its text, and gzipped. */
interface KeptPage {
  html: string;
  gzipped: Buffer;
}

/** Shared pages kept: a few languages and addresses of the current status snapshot. */
const KEPT_PAGES = 16;

/** Sends pages and redirects: what the page interceptor and the HTML error pages have in common. */
@Injectable()
export class PageResponder {
  private readonly sharedPages = new Map<string, KeptPage>();

  constructor(
    private readonly views: ViewRenderer,
    private readonly config: AppConfig,
    private readonly calendars: CalendarService,
  ) {}

  /** Renders what a page handler returned (its model, a `PageResult`, or a `Redirect`). */
  async respond(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    view: string | undefined,
    result: unknown,
    options: { formToken?: boolean } = {},
  ): Promise<FastifyReply> {
    if (result instanceof Redirect) {
      for (const cookie of result.cookies) this.setCookie(reply, cookie);
      return reply.redirect(result.location, 303);
    }
    const rendered = result instanceof PageResult ? result : new PageResult(result as object, 200, {}, undefined);
    for (const [name, value] of Object.entries(rendered.headers)) reply.header(name, value);
    for (const cookie of rendered.cookies) this.setCookie(reply, cookie);
    const formToken = options.formToken ? issueFormToken(reply, this.cookieOptions()) : null;
    const template = rendered.view ?? view;
    if (!template) throw new Error(`${request.routeOptions.url}: a page handler without a view returned no redirect`);
    const context = await this.context(request, reply, formToken);
    const prepared = preparedIn(rendered.model);
    // A page the same for every anonymous reader (the status page) is kept whole, gzipped once.
    const shareable = prepared?.shareKey && !context.principal && !formToken && rendered.cookies.length === 0;
    const key = shareable
      ? `${template} ${prepared.shareKey} ${context.language} ${context.timeZone} ${request.url}`
      : '';
    const kept = shareable ? this.sharedPages.get(key) : undefined;
    if (kept) return this.sendKept(reply, rendered.status, kept);
    const framed = this.views.render(template, context, rendered.model);
    // Only a frame without this response's nonces can be shared: another response's would refuse them.
    if (shareable && !framed.includes(context.nonce.script) && !framed.includes(context.nonce.style))
      return this.sendKept(reply, rendered.status, this.keep(key, prepared, framed));
    return this.send(reply, rendered.status, framed, prepared);
  }

  /** Keeps a shared page (the newest few: each status snapshot makes new ones). */
  private keep(key: string, prepared: PreparedHtml, framed: string): KeptPage {
    const page = { html: prepared.within(framed), gzipped: prepared.gzippedWithin(framed) };
    this.sharedPages.set(key, page);
    if (this.sharedPages.size > KEPT_PAGES) this.sharedPages.delete(this.sharedPages.keys().next().value!);
    return page;
  }

  private sendKept(reply: FastifyReply, status: number, page: KeptPage): FastifyReply {
    this.htmlHeaders(reply, status);
    return acceptsGzip(reply.request.headers['accept-encoding'])
      ? reply.header('content-encoding', 'gzip').send(page.gzipped)
      : reply.send(page.html);
  }

  /** A page outside any handler (an error page). */
  async render(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    view: string,
    model: object,
    status: number,
  ): Promise<FastifyReply> {
    return this.send(reply, status, this.views.render(view, await this.context(request, reply, null), model));
  }

  private async context(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    formToken: string | null,
  ): Promise<PageContext> {
    const auth = request.auth;
    return {
      language: languageOf(request),
      // Instants on pages are shown in the support desk's zone (its calendar's, cached).
      timeZone: await this.calendars.timeZone(SUPPORT_HOURS.id),
      principal: auth?.principal ?? null,
      csrfToken: auth?.sessionToken ? csrfTokenFor(auth.sessionToken) : null,
      formToken,
      currentPath: request.url,
      // The page's inline scripts and styles carry the nonces its Content-Security-Policy allows.
      nonce: (reply as FastifyReply & { cspNonce: PageContext['nonce'] }).cspNonce,
    };
  }

  /**
   * A long page goes gzipped to a browser that takes it (a long thread, the status page). A page
   * holding prepared HTML is `html` with the placeholder where that goes.
   */
  private async send(
    reply: FastifyReply,
    status: number,
    html: string,
    prepared?: PreparedHtml,
  ): Promise<FastifyReply> {
    this.htmlHeaders(reply, status);
    const gzipped = acceptsGzip(reply.request.headers['accept-encoding']);
    if (prepared)
      return gzipped
        ? reply.header('content-encoding', 'gzip').send(prepared.gzippedWithin(html))
        : reply.send(prepared.within(html));
    if (html.length < COMPRESS_FROM_CHARS || !gzipped) return reply.send(html);
    return reply.header('content-encoding', 'gzip').send(await gzip(html, { level: 4 }));
  }

  private htmlHeaders(reply: FastifyReply, status: number): void {
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('vary', 'accept-encoding');
  }

  private setCookie(reply: FastifyReply, cookie: CookieChange): void {
    if (cookie.value === null) {
      reply.clearCookie(cookie.name, { path: '/' });
      return;
    }
    reply.setCookie(cookie.name, cookie.value, {
      ...this.cookieOptions(),
      httpOnly: !cookie.readableByScripts,
      expires: cookie.expires,
      maxAge: cookie.maxAge,
    });
  }

  private cookieOptions() {
    return {
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.config.PUBLIC_BASE_URL.startsWith('https:'),
    };
  }
}

/** The prepared part a page's model holds, if any (one at most: a page has one placeholder). */
function preparedIn(model: object): PreparedHtml | undefined {
  return Object.values(model).find((value): value is PreparedHtml => value instanceof PreparedHtml);
}
