import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import { WallboardService } from '@madoguchi/kpi';

import { RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { WallboardResponseDto } from './kpi.dto';

@ApiTags('telephony')
@ApiBearerAuth()
@Controller('api/v1/telephony/wallboard')
export class WallboardController {
  constructor(private readonly wallboard: WallboardService) {}

  @Endpoint({
    response: WallboardResponseDto,
    summary:
      'The live queue: calls waiting and the longest wait, agents available / on a call / paused, today’s offered, answered, abandonment and service level against target',
  })
  @Get()
  @RequireRole('agent')
  now(): Promise<WallboardResponseDto> {
    return this.wallboard.now();
  }
}
