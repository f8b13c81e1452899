import { rm } from 'node:fs/promises';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import type { Clock } from '@madoguchi/common';
import type { AppConfig } from '@madoguchi/config';

import { createApp } from '../../apps/api/src/app.factory';
import { ApiClient } from './api-client';
import { testConfig } from './test-config';

export const ADMIN = { email: 'admin@madoguchi.test', password: 'correct horse battery staple' };

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  api: ApiClient;
  close(): Promise<void>;
}

/** The real API on an empty embedded DATA_DIR, listening on a free port, with an initial admin. */
export async function startTestApp(
  overrides: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestApp> {
  const config = await testConfig(
    { INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password, ...overrides },
    { migrated: true },
  );
  const app = await createApp(config, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = await app.getUrl();
  return {
    app,
    config,
    baseUrl,
    api: new ApiClient(baseUrl),
    async close() {
      await app.close();
      await rm(config.DATA_DIR, { recursive: true, force: true });
    },
  };
}
