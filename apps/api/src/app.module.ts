import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { AppConfig } from '@madoguchi/config';
import { PlatformModule } from '@madoguchi/platform';

import { HealthController } from './health/health.controller';
import { QueueHealthIndicator } from './health/queue.health';
import { MetricsController } from './metrics/metrics.controller';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [QueueHealthIndicator],
    };
  }
}
