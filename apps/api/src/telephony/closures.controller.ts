import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { RequestContext } from '@madoguchi/common';
import { DeskClosureService } from '@madoguchi/telephony';

import { Ctx, RequireRole } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { parsePeriod } from './period';
import { ClosureDto, ClosureListResponseDto, ClosureResponseDto, PeriodQueryDto } from './telephony.dto';

@ApiTags('telephony')
@ApiBearerAuth()
@Controller('api/v1/telephony/closures')
export class ClosuresController {
  constructor(private readonly closures: DeskClosureService) {}

  @Endpoint({ response: ClosureListResponseDto, summary: 'Unplanned desk closures overlapping a period' })
  @Get()
  @RequireRole('agent')
  async list(@Query() query: PeriodQueryDto): Promise<ClosureListResponseDto> {
    const { from, to } = parsePeriod(query.from, query.to, 3660);
    return { items: await this.closures.list(from, to) };
  }

  @Endpoint({
    response: ClosureResponseDto,
    summary: 'Record an unplanned closure of the phone desk (counts against the operating rate)',
    errors: { 400: 'Invalid fields', 422: 'Ends before it starts' },
  })
  @Post()
  @RequireRole('manager')
  record(@Ctx() context: RequestContext, @Body() body: ClosureDto): Promise<ClosureResponseDto> {
    return this.closures.record(context, {
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      reason: body.reason,
    });
  }

  @Endpoint({ summary: 'Remove a closure recorded by mistake', errors: { 404: 'No such closure' } })
  @Delete(':id')
  @HttpCode(204)
  @RequireRole('manager')
  async remove(@Ctx() context: RequestContext, @Param('id', ParseUUIDPipe) id: string) {
    await this.closures.remove(context, id);
  }
}
