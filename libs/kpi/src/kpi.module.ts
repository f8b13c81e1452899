import { Global, Module } from '@nestjs/common';

import { KpiDefinitions } from './application/kpi-definitions';
import { KpiReport } from './application/kpi-report';
import { KpiRepository } from './infrastructure/kpi.repository';

@Global()
@Module({
  providers: [KpiRepository, KpiDefinitions, KpiReport],
  exports: [KpiDefinitions, KpiReport],
})
export class KpiModule {}
