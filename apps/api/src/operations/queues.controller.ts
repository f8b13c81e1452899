import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import { QueueService } from '@madoguchi/queue';

import { RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { QueueOverviewResponseDto } from './operations.dto';

/** Failed jobs are kept; this is where admins see them (metrics count them, logs carry each attempt). */
@ApiTags('operations')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/queues')
export class QueuesController {
  constructor(private readonly queues: QueueService) {}

  @Endpoint({
    response: QueueOverviewResponseDto,
    summary: 'Job counts and the 20 most recent failed jobs of each queue (admins)',
  })
  @Get()
  async overview(): Promise<QueueOverviewResponseDto> {
    const queues = await this.queues.overview();
    return {
      items: queues.map(({ queue, counts, failed }) => ({
        queue,
        counts,
        failed: failed.map((job) => ({ ...job, failedAt: job.failedAt?.toISOString() ?? null })),
      })),
    };
  }
}
