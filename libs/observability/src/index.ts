export { assignRequestId, loggerParams, REQUEST_ID_HEADER, requestIdFrom } from './logger-params';
export { Metrics } from './metrics';
export { MetricsServer } from './metrics-server';
export { ObservabilityModule } from './observability.module';
