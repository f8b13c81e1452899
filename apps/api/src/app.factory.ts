import type { Server } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';

import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';

import type { Clock } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { assignRequestId, Metrics, REQUEST_ID_HEADER } from '@madoguchi/observability';

import { AppModule } from './app.module';
import { DenialLog } from './audit/denial-log';
import { errorCodeTable } from './http/error-codes';
import { jsonNestingDepth, MAX_JSON_NESTING } from './http/json-nesting';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { sendSecurityHeaders } from './http/security-headers';
import { TextInputPipe } from './http/text-input.pipe';
import { acceptUploads } from './http/uploads';
import { createValidationPipe } from './http/validation.pipe';
import { STREAMED_UPLOAD_ROUTES } from './telephony/imports.controller';
import { INBOUND_MAIL_LIMIT, INBOUND_MAIL_TYPE } from './tickets/inbound-mail.controller';
import { ErrorPages } from './web/shared/error-pages';

/** Builds the API application; `main.ts` and the end-to-end tests both start it this way. */
export async function createApp(config: AppConfig, options: { clock?: Clock } = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, options),
    new FastifyAdapter({
      bodyLimit: 10 * 1024 * 1024,
      // Only proxies the operator names (TRUST_PROXY) may say who the client is.
      trustProxy: config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false,
      genReqId: assignRequestId,
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  await app.register(fastifyCookie);
  await sendSecurityHeaders(app, config);
  await acceptUploads(app);
  app.useGlobalFilters(new ProblemDetailsFilter(app.get(ErrorPages), app.get(DenialLog)));
  app.useGlobalPipes(new TextInputPipe(), createValidationPipe());
  app.enableShutdownHooks();
  parseBodies(app);
  streamUploads(app);
  acceptRawMail(app);
  echoRequestId(app);
  recordHttpMetrics(app);
  setUpOpenApi(app);
  return app;
}

/**
 * JSON and form bodies. JSON nested deeper than any request of ours (a few levels) is refused before
 * it is parsed, so nothing after the parser ever walks thousands of levels; the parse itself is
 * Fastify's (prototype poisoning refused). Registering these replaces Nest's default pair.
 */
function parseBodies(app: NestFastifyApplication): void {
  const parseJson = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', {}, (request, body, done) => {
    const text = body.toString('utf8');
    if (jsonNestingDepth(text, MAX_JSON_NESTING) > MAX_JSON_NESTING) {
      const error = new Error(`The JSON body is nested more than ${MAX_JSON_NESTING} levels deep.`);
      return done(Object.assign(error, { statusCode: 400 }), undefined);
    }
    parseJson(request, text, done);
  });
  app.useBodyParser<Server>('application/x-www-form-urlencoded', {}, (_request, body, done) =>
    done(null, parseQueryString(body.toString('utf8'))),
  );
}

/** Bodies of ordinary routes that are not JSON or forms stay small: read whole, up to this size. */
const TEXT_BODY_LIMIT = 1024 * 1024;

/**
 * File uploads (PBX logs of hundreds of MB) reach their handler as the request stream itself, so
 * they are stored as they arrive; other routes get plain-text bodies read whole, as before.
 */
function streamUploads(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Refused before the body was read (403, 413): close the connection rather than leave the
  // rest of the upload in the socket for the next request on it to trip over.
  fastify.addHook('onSend', async (request, reply) => {
    if (STREAMED_UPLOAD_ROUTES.has(request.routeOptions.url ?? '') && !request.raw.complete)
      reply.header('connection', 'close');
  });
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(['text/plain', 'text/csv', 'application/octet-stream'], (request, payload, done) => {
    if (STREAMED_UPLOAD_ROUTES.has(request.routeOptions.url ?? '')) return done(null, payload);
    let size = 0;
    let settled = false;
    const settle = (error: Error | null, body?: string) => {
      if (settled) return;
      settled = true;
      done(error, body);
    };
    const parts: Buffer[] = [];
    payload.on('data', (part: Buffer) => {
      size += part.length;
      if (size <= TEXT_BODY_LIMIT) return void parts.push(part);
      payload.destroy();
      settle(Object.assign(new Error('Request body is too large'), { statusCode: 413 }));
    });
    payload.on('end', () => settle(null, Buffer.concat(parts).toString('utf8')));
    payload.on('error', (error) => settle(error));
  });
}

/** Inbound e-mail arrives as one raw message: a Buffer for the handler to parse. */
function acceptRawMail(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(
      INBOUND_MAIL_TYPE,
      { parseAs: 'buffer', bodyLimit: INBOUND_MAIL_LIMIT },
      (_request, body, done) => done(null, body),
    );
}

/** Every response, 404s included, tells the client the id its request is logged under. */
function echoRequestId(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      reply.header(REQUEST_ID_HEADER, request.id);
    });
}

function recordHttpMetrics(app: NestFastifyApplication): void {
  const histogram = app.get(Metrics).httpRequestDuration;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', async (request, reply) => {
      // The route template, not the URL, keeps label cardinality bounded.
      const route = request.routeOptions.url ?? 'unmatched';
      histogram.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Madoguchi API')
      .setDescription(
        'Customer-support ticketing. Every error is application/problem+json (RFC 9457) with a stable `code`:\n\n' +
          errorCodeTable(),
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
