export { DisclosureService } from './application/disclosure.service';
export { KpiDefinitionService } from './application/kpi-definition.service';
export {
  KpiReportService,
  type KpiRequest,
  REPORT_DIMENSIONS,
  type ReportDimension,
} from './application/kpi-report.service';
export { WallboardService } from './application/wallboard.service';
export {
  availabilityPercent,
  type DisclosureSnapshot,
  metAvailabilityTarget,
  metTarget,
  percent,
  PUBLISHED_KPIS,
} from './domain/disclosure';
export { disclosureText } from './domain/disclosure-text';
export { KPI_TARGET_NAMES, type KpiDefinition, kpiDefinitionProblems } from './domain/kpi-definition';
export { type Figure, kpiFigures, ratio } from './domain/kpi-figures';
export { monthRange } from './domain/time-buckets';
export { DisclosureReportEntity } from './infrastructure/disclosure-report.entity';
export {
  KPI_DIMENSIONS,
  KPI_GROUPINGS,
  type KpiDimension,
  type KpiGrouping,
  TICKET_MEASURES,
  type TicketMeasure,
} from './infrastructure/kpi.repository';
export { KpiDefinitionEntity } from './infrastructure/kpi-definition.entity';
export { KpiModule } from './kpi.module';
