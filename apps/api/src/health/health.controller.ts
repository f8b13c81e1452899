import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';

import { Public } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { QueueHealthIndicator } from './queue.health';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @Endpoint({
    summary: 'Can this instance serve? (database, and Redis when configured)',
    errors: { 503: 'A dependency is unreachable; the body says which.' },
  })
  serving() {
    return this.ready();
  }

  @Get('ready')
  @HealthCheck()
  @Endpoint({ summary: 'Readiness: the same checks as /health', errors: { 503: 'A dependency is unreachable.' } })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      () => this.queue.check('queue'),
    ]);
  }

  @Get('live')
  @Endpoint({ summary: 'Liveness: the process answers HTTP; checks nothing else' })
  live() {
    return { status: 'ok' };
  }
}
