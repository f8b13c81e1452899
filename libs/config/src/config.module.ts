import { DynamicModule, Global, Module } from '@nestjs/common';

import { AppConfig } from './app-config';

/**
 * Provides the already-validated AppConfig to every module. The entry points validate the
 * environment before Nest starts (so a bad value stops start-up with a message naming the
 * variable), and tests pass a config object of their own instead of mutating process.env.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
