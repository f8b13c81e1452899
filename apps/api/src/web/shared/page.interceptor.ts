import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { mergeMap, type Observable } from 'rxjs';

import type { AuthenticatedRequest } from '../../auth/auth-request';
import { PageResponder } from './page-responder';
import { PAGE_OPTIONS, type PageOptions } from './page-result';

/** Renders what a `@Page` handler returns; errors go on to the exception filter (HTML error pages). */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly pages: PageResponder,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<FastifyReply> {
    const options = this.reflector.get<PageOptions>(PAGE_OPTIONS, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next
      .handle()
      .pipe(mergeMap((result: unknown) => this.pages.respond(request, reply, options.view, result, options)));
  }
}
