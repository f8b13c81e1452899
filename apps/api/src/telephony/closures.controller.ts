import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { DeskClosureService } from '@madoguchi/telephony';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { parsePeriod } from './period';
import { ClosureDto, PeriodQueryDto } from './telephony.dto';

@ApiTags('telephony')
@ApiBearerAuth()
@Controller('api/v1/telephony/closures')
export class ClosuresController {
  constructor(private readonly closures: DeskClosureService) {}

  @Get()
  @RequireRole('agent')
  @Endpoint({ summary: 'Unplanned desk closures overlapping a period' })
  async list(@Query() query: PeriodQueryDto) {
    const { from, to } = parsePeriod(query.from, query.to, 3660);
    return { items: await this.closures.list(from, to) };
  }

  @Post()
  @RequireRole('manager')
  @Endpoint({
    summary: 'Record an unplanned closure of the phone desk (counts against the operating rate)',
    errors: { 400: 'Invalid fields', 422: 'Ends before it starts' },
  })
  record(@Ctx() context: RequestContext, @Body() body: ClosureDto) {
    return this.closures.record(context, {
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      reason: body.reason,
    });
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('manager')
  @Endpoint({ summary: 'Remove a closure recorded by mistake', errors: { 404: 'No such closure' } })
  async remove(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string) {
    await this.closures.remove(context, id);
  }
}
