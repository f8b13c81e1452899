import { Global, Module } from '@nestjs/common';

import { Disclosures } from './application/disclosures';
import { KpiDefinitions } from './application/kpi-definitions';
import { KpiReport } from './application/kpi-report';
import { Wallboard } from './application/wallboard';
import { KpiRepository } from './infrastructure/kpi.repository';

@Global()
@Module({
  providers: [KpiRepository, KpiDefinitions, KpiReport, Disclosures, Wallboard],
  exports: [KpiDefinitions, KpiReport, Disclosures, Wallboard],
})
export class KpiModule {}
