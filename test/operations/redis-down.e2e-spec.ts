import { DataSource } from 'typeorm';

import { freePort } from '../support/free-port';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

describe('an API process while Redis is down', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, RUN_WORKERS: 'false' });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('starts, and /health answers 503 naming the queue while the database is up', async () => {
    const response = await fetch(`${t.baseUrl}/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: Record<string, { status: string; message?: string }> };
    expect(body.checks.database!.status).toBe('up');
    expect(body.checks.queue).toMatchObject({ status: 'down', message: expect.stringContaining('no answer within') });
    expect(body.checks.mail).toMatchObject({ status: 'up', pending: expect.any(Number) });
  });

  it('takes inquiries: the acknowledgement waits in the outbox for the workers', async () => {
    const created = await t.api.request('POST', '/api/v1/inquiries', {
      name: '山田 花子',
      email: 'yamada@sakura.example.jp',
      subject: 'ログインできません',
      body: '本日朝からログインできません。',
      consent: true,
    });
    expect(created.status).toBe(201);
    const health = (await (await fetch(`${t.baseUrl}/health`)).json()) as { checks: { mail: { pending: number } } };
    expect(health.checks.mail.pending).toBe(1);
  });

  it('publishes an incident at once: the notice waits in its outbox for the workers', async () => {
    const manager = t.api.as(await t.api.login(ADMIN.email, ADMIN.password));
    const service = await manager.post('/api/v1/services', { name: '管理コンソール' });
    const published = await manager.post('/api/v1/incidents', {
      title: 'ログイン障害',
      serviceIds: [service.json.id],
      impact: 'major-outage',
      status: 'investigating',
      message: { ja: '調査しています。', en: 'Investigating.' },
    });
    expect(published.status).toBe(201);
    // Committed with its notice: the workers' reconciler queues it once Redis answers.
    const notices = await t.app
      .get(DataSource)
      .query(`SELECT kind FROM notice WHERE subject_id = $1`, [published.json.id]);
    expect(notices).toEqual([{ kind: 'incident-update' }]);
  });
});
