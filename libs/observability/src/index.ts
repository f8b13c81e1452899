export { loggerParams, requestIdFor } from './logger-params';
export { Metrics } from './metrics';
export { ObservabilityModule } from './observability.module';
