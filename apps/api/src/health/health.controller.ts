import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';

import { Public } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { HealthResponseDto, LivenessResponseDto } from './health.dto';
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

  @Endpoint({
    response: HealthResponseDto,
    summary: 'Can this instance serve, and is mail flowing? (database, Redis when configured, the mail backlog)',
    errors: { 503: 'A dependency is unreachable or mail has waited over 15 minutes; the body says which.' },
  })
  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  serving() {
    return this.health.check([...this.dependencies(), () => this.mail.check('mail')]);
  }

  @Endpoint({
    response: HealthResponseDto,
    summary: 'Readiness: database and Redis (not the mail backlog: an SMTP outage is no reason to stop serving)',
    errors: { 503: 'A dependency is unreachable.' },
  })
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
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

  @Endpoint({ response: LivenessResponseDto, summary: 'Liveness: the process answers HTTP; checks nothing else' })
  @Get('live')
  live(): LivenessResponseDto {
    return { status: 'ok' };
  }
}
