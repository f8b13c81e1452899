export { AppConfig, type LogLevel } from './app-config';
export { ConfigModule } from './config.module';
export { InvalidConfigError, validateConfig } from './validate-config';
