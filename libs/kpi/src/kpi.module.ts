import { Global, Module } from '@nestjs/common';

import { Disclosures } from './application/disclosures';
import { KpiDefinitions } from './application/kpi-definitions';
import { KpiReport } from './application/kpi-report';
import { Wallboard } from './application/wallboard';
import { DisclosureReportRepository } from './infrastructure/disclosure-report.repository';
import { KpiRepository } from './infrastructure/kpi.repository';
import { KpiDefinitionRepository } from './infrastructure/kpi-definition.repository';

@Global()
@Module({
  providers: [
    KpiRepository,
    KpiDefinitionRepository,
    DisclosureReportRepository,
    KpiDefinitions,
    KpiReport,
    Disclosures,
    Wallboard,
  ],
  exports: [KpiDefinitions, KpiReport, Disclosures, Wallboard],
})
export class KpiModule {}
