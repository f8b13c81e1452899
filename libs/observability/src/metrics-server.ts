import { createServer, type Server } from 'node:http';

import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

import { bearerToken, secretMatches } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';

import { Metrics } from './metrics';

/**
 * `GET /metrics` for processes without an HTTP API (the worker), on WORKER_METRICS_PORT: the job,
 * mail and backlog figures are in whichever process does the work, so each one must be scraped.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  /** The port it listens on (useful when WORKER_METRICS_PORT asks for any free one). */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.WORKER_METRICS_PORT;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here.\n');
        return;
      }
      const token = this.config.METRICS_TOKEN;
      if (token && !secretMatches(bearerToken(request.headers.authorization), token)) {
        response
          .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
          .end('Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.\n');
        return;
      }
      this.metrics.registry
        .metrics()
        .then((text) => response.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(text))
        .catch((error: Error) => {
          this.logger.error({ err: error }, 'metrics scrape failed');
          response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
        });
    });
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        // A second worker on the same machine: it works on, unscraped, and says so.
        this.logger.error(
          `metrics not served: port ${port} ${error.code === 'EADDRINUSE' ? 'is in use (give each worker its own WORKER_METRICS_PORT)' : `failed: ${error.message}`}`,
        );
        resolve(false);
      });
      server.listen(port, this.config.WORKER_METRICS_HOST, () => resolve(true));
    });
    if (!listening) return;
    this.server = server;
    this.logger.log(`metrics on http://${this.config.WORKER_METRICS_HOST}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
