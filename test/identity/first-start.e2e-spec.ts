import { DataSource } from 'typeorm';

import { createMigratedTestDatabase, describeWithPostgres, type TestDatabase } from '../support/services';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app';

describeWithPostgres('first start of several processes at once on an empty database', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await database?.drop();
  });

  it('creates the initial admin exactly once, and every process starts', async () => {
    const started = await Promise.allSettled(
      [1, 2, 3].map(() => startTestApp({ DATABASE_URL: database.url, RUN_WORKERS: 'false' })),
    );
    for (const result of started) if (result.status === 'fulfilled') apps.push(result.value);
    expect(started.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);

    const dataSource = apps[0]!.app.get(DataSource);
    const admins: Array<{ email: string }> = await dataSource.query(`SELECT email FROM app_user`);
    expect(admins).toEqual([{ email: ADMIN.email }]);
    const created = await dataSource.query(`SELECT id FROM audit_event WHERE action = 'user.create'`);
    expect(created).toHaveLength(1);
    for (const app of apps) expect(await app.api.login(ADMIN.email, ADMIN.password)).toEqual(expect.any(String));
  });
});
