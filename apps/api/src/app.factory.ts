import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';

import type { Clock } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { assignRequestId, Metrics, REQUEST_ID_HEADER } from '@madoguchi/observability';

import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation.pipe';

/** Builds the API application; `main.ts` and the end-to-end tests both start it this way. */
export async function createApp(config: AppConfig, options: { clock?: Clock } = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, options),
    new FastifyAdapter({ bodyLimit: 10 * 1024 * 1024, trustProxy: 'loopback', genReqId: assignRequestId }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  await app.register(fastifyCookie);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  echoRequestId(app);
  recordHttpMetrics(app);
  setUpOpenApi(app);
  return app;
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
      .setDescription('Customer-support ticketing. Errors are application/problem+json (RFC 9457).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
