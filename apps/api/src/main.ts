import { InvalidConfigError, validateConfig } from '@madoguchi/config';

import { createApp } from './app.factory';

async function bootstrap(): Promise<void> {
  const config = validateConfig(process.env);
  const app = await createApp(config);
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
}

bootstrap().catch((error: unknown) => {
  // A bad setting must stop start-up with a message that names the variable.
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
