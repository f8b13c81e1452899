import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { Public } from '../../auth/auth.decorators';

/** Chart.js from its npm package, so the dashboard needs no CDN (support desks often browse behind proxies). */
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  private chartJs?: Buffer;

  @Get('chart.umd.min.js')
  async chart(@Res() reply: FastifyReply) {
    this.chartJs ??= await readFile(CHART_JS);
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(this.chartJs);
  }
}
