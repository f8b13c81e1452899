export { AppConfig, type LogLevel } from './app-config';
export { ConfigModule } from './config.module';
export { keyFileSecret } from './key-file';
export { InvalidConfigError, validateConfig } from './validate-config';
