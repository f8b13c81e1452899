import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';

import { Public } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { HEALTH_CHECK_TIMEOUT_MS, MailHealthIndicator, QueueHealthIndicator } from './health.indicators';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
    private readonly mail: MailHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @Endpoint({
    summary: 'Can this instance serve, and is mail flowing? (database, Redis when configured, the mail backlog)',
    errors: { 503: 'A dependency is unreachable or mail has waited over 15 minutes; the body says which.' },
  })
  serving() {
    return this.health.check([...this.dependencies(), () => this.mail.check('mail')]);
  }

  @Get('ready')
  @HealthCheck()
  @Endpoint({
    summary: 'Readiness: database and Redis (not the mail backlog: an SMTP outage is no reason to stop serving)',
    errors: { 503: 'A dependency is unreachable.' },
  })
  ready() {
    return this.health.check(this.dependencies());
  }

  // Each check is time-boxed, so the answer comes within a second whatever is down.
  private dependencies() {
    return [
      () => this.database.pingCheck('database', { timeout: HEALTH_CHECK_TIMEOUT_MS }),
      () => this.queue.check('queue'),
    ];
  }

  @Get('live')
  @Endpoint({ summary: 'Liveness: the process answers HTTP; checks nothing else' })
  live() {
    return { status: 'ok' };
  }
}
