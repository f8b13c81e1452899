export { KpiDefinitions } from './application/kpi-definitions';
export { KpiReport, type KpiRequest } from './application/kpi-report';
export { KPI_TARGET_NAMES, type KpiDefinition, kpiDefinitionProblems } from './domain/kpi-definition';
export { type Figure, kpiFigures, ratio } from './domain/kpi-figures';
export { KPI_DIMENSIONS, KPI_GROUPINGS, type KpiDimension, type KpiGrouping } from './infrastructure/kpi.repository';
export { KpiDefinitionEntity } from './infrastructure/kpi-definition.entity';
export { KpiModule } from './kpi.module';
