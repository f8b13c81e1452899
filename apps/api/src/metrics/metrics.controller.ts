import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { Metrics } from '@madoguchi/observability';

import { AcceptsSharedSecret, RequireRole } from '../auth/auth.decorators';

/** Every route's latency and counts, the queues, the backlogs: for the scraper and admins, not for anyone. */
@ApiExcludeController()
@AcceptsSharedSecret('METRICS_TOKEN')
@RequireRole('admin')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
