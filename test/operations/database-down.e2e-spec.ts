import { DataSource } from 'typeorm';

import { dataSourceOptionsFor } from '@madoguchi/database';

import { type OwnPostgres, startOwnPostgres } from '../support/own-postgres';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Service mode with the database going away: the test runs a PostgreSQL server of its own and
 * stops it (as a crash would), never the shared one.
 */
describe('an API process while its database is down', () => {
  let pg: OwnPostgres;
  let t: TestApp;

  beforeAll(async () => {
    pg = await startOwnPostgres();
    const admin = new DataSource({ type: 'postgres', url: pg.url });
    await admin.initialize();
    await admin.query('CREATE DATABASE madoguchi_test');
    await admin.destroy();
    const url = pg.url.replace(/\/postgres$/, '/madoguchi_test');
    const migrator = await new DataSource(await dataSourceOptionsFor({ kind: 'postgres', url })).initialize();
    await migrator.runMigrations();
    await migrator.destroy();
    t = await startTestApp({ DATABASE_URL: url, RUN_WORKERS: 'false' });
  }, 60_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await pg?.destroy();
  });

  it('answers 503 with Retry-After (not 500) while the database is down, and recovers when it is back', async () => {
    const token = await t.api.login(ADMIN.email, ADMIN.password);
    const admin = t.api.as(token);
    expect((await admin.get('/api/v1/users')).status).toBe(200);

    await pg.stop();
    const refused = await admin.get('/api/v1/users');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.json).toMatchObject({ code: 'database.unavailable', status: 503 });
    const inquiry = await t.api.request('POST', '/api/v1/inquiries', {
      name: '山田 花子',
      email: 'yamada@sakura.example.jp',
      subject: 'ログインできません',
      body: '本日朝からログインできません。',
      consent: true,
    });
    expect(inquiry.status).toBe(503);
    expect((await fetch(`${t.baseUrl}/health/ready`)).status).toBe(503);

    await pg.start();
    await waitFor(async () => (await admin.get('/api/v1/users')).status === 200, 'the API to reach the database again');
    expect((await fetch(`${t.baseUrl}/health/ready`)).status).toBe(200);
  });
});
