import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { AppConfig } from '@madoguchi/config';
import { csrfTokenFor } from '@madoguchi/identity';

import type { AuthenticatedRequest } from '../auth/auth-request';
import { Language, LANGUAGES } from './i18n';
import { PageContext, ViewRenderer } from './view-renderer';

export const LANGUAGE_COOKIE = 'madoguchi_lang';

/** What every page handler needs: the page context of a request, rendering, and cookie settings. */
@Injectable()
export class PageResponder {
  constructor(
    private readonly views: ViewRenderer,
    private readonly config: AppConfig,
  ) {}

  render(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    template: string,
    data: Record<string, unknown> = {},
    status = 200,
  ) {
    const html = this.views.render(template, this.context(request), data);
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(html);
  }

  context(request: AuthenticatedRequest): PageContext {
    const auth = request.auth;
    return {
      language: this.language(request),
      principal: auth?.principal ?? null,
      csrfToken: auth?.sessionToken ? csrfTokenFor(auth.sessionToken) : null,
      currentPath: request.url,
    };
  }

  /** The chosen language (cookie), else the user's own, else Japanese. */
  language(request: AuthenticatedRequest): Language {
    const chosen = request.cookies[LANGUAGE_COOKIE];
    if (LANGUAGES.includes(chosen as Language)) return chosen as Language;
    return request.auth?.principal.language ?? 'ja';
  }

  cookieOptions() {
    return {
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.config.PUBLIC_BASE_URL.startsWith('https:'),
    };
  }
}
