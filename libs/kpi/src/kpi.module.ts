import { Global, Module } from '@nestjs/common';

import { DisclosureService } from './application/disclosure.service';
import { KpiDefinitionService } from './application/kpi-definition.service';
import { KpiReportService } from './application/kpi-report.service';
import { WallboardService } from './application/wallboard.service';
import { DisclosureReportRepository } from './infrastructure/disclosure-report.repository';
import { KpiRepository } from './infrastructure/kpi.repository';
import { KpiDefinitionRepository } from './infrastructure/kpi-definition.repository';

@Global()
@Module({
  providers: [
    KpiRepository,
    KpiDefinitionRepository,
    DisclosureReportRepository,
    KpiDefinitionService,
    KpiReportService,
    DisclosureService,
    WallboardService,
  ],
  exports: [KpiDefinitionService, KpiReportService, DisclosureService, WallboardService],
})
export class KpiModule {}
