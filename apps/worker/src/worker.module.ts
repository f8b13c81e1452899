import { DynamicModule, Module } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';
import { MetricsServer } from '@madoguchi/observability';
import { PlatformModule } from '@madoguchi/platform';

/** Processors only: the platform's consumers, run against the configured queue, and their /metrics. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [PlatformModule.forRoot(config)], providers: [MetricsServer] };
  }
}
