import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

import { InvalidConfigError, validateConfig } from '@madoguchi/config';

import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = validateConfig({ ...process.env, RUN_WORKERS: 'true' });
  if (!config.REDIS_URL) {
    throw new Error(
      'REDIS_URL is not set: the worker app serves the BullMQ queue. In embedded mode `npm start` runs the processors.',
    );
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT close the queue, which waits for running jobs before the process exits.
  app.enableShutdownHooks();
  await app.init();
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
