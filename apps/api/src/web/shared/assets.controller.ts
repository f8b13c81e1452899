import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { Controller, Get, Headers, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { Public } from '../../auth/auth.decorators';
import { acceptsGzip } from '../../http/compression';
import { SITE_ASSETS, type SiteAssetName } from './site-assets';

/** Static assets: the site's stylesheet, and Chart.js from its npm package (no CDN: support desks often browse behind proxies). */
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  private chartJs?: Buffer;

  /** The site's own files: kept by browsers for good when asked for by their current version (`?v=`), revalidated otherwise. */
  @Get(':file')
  asset(
    @Param('file') file: string,
    @Query('v') version: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    if (!Object.hasOwn(SITE_ASSETS, file)) throw new NotFoundException();
    const asset = SITE_ASSETS[file as SiteAssetName];
    reply
      .header('content-type', asset.contentType)
      .header('cache-control', version === asset.version ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('vary', 'accept-encoding');
    if (!acceptsGzip(acceptEncoding)) return reply.send(asset.body);
    return reply.header('content-encoding', 'gzip').send(asset.gzipped);
  }

  @Get('chart.umd.min.js')
  async chart(@Res() reply: FastifyReply) {
    this.chartJs ??= await readFile(CHART_JS);
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(this.chartJs);
  }
}
