import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { AppConfig } from './app-config';

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidConfigError';
  }
}

/** Parses the environment into an AppConfig, or throws one error that names every bad variable. */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  const config = plainToInstance(AppConfig, env, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const problems = errors.map((error) => {
      const messages = Object.values(error.constraints ?? {}).join('; ');
      return `${error.property}: ${messages} (got ${JSON.stringify(env[error.property] ?? null)})`;
    });
    throw new InvalidConfigError(problems);
  }
  return config;
}
