import { SYSTEM_CONTEXT } from '@madoguchi/common';
import { AuthService } from '@madoguchi/identity';

import { Factories, type Person } from './factories';
import { signedInToken } from './support/application';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';

const INBOUND_TOKEN = 'hostile-inbound-0123456789abcdef';

const inquiry = (overrides: Record<string, unknown> = {}) => ({
  name: '山田 花子',
  email: 'yamada@example.jp',
  subject: 'ログインできません',
  body: '本文です。',
  consent: true,
  ...overrides,
});

/** A raw JSON body: the API client would re-encode what these tests send on purpose. */
const postJson = (t: TestApp, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('hostile input gets a 4xx that says what is wrong, never a 500', () => {
  let t: TestApp;
  let agent: Person;

  beforeAll(async () => {
    t = await startTestApp({ INBOUND_MAIL_TOKEN: INBOUND_TOKEN });
    agent = await (await Factories.for(t)).staff('agent');
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['a NUL character', 'ログイン\u0000できません'],
    ['a lone surrogate', 'ログイン\ud800できません'],
  ])(
    'text with %s is refused on its field, on a public endpoint too, and nothing is written',
    async (_what, subject) => {
      const before = (await t.api.as(agent.token).get('/api/v1/tickets')).json.items.length;
      // JSON.stringify writes the lone surrogate as the escape `\ud800`, as an attacker's client would.
      const response = await postJson(t, '/api/v1/inquiries', JSON.stringify(inquiry({ subject })), {
        'accept-language': 'ja',
      });
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { code: string; errors: unknown };
      expect(problem.code).toBe('validation.failed');
      expect(problem.errors).toEqual([{ field: 'subject', messages: [expect.stringMatching(/使えない文字/)] }]);
      expect((await t.api.as(agent.token).get('/api/v1/tickets')).json.items).toHaveLength(before);
    },
  );

  it('a NUL in a query or a form field is refused the same way', async () => {
    const search = await fetch(`${t.baseUrl}/api/v1/tickets?q=%00`, {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(search.status).toBe(400);
    expect(((await search.json()) as { errors: unknown }).errors).toEqual([
      { field: 'q', messages: [expect.any(String)] },
    ]);

    const publicQuery = await fetch(`${t.baseUrl}/api/v1/calendars/support-hours/business-time?from=%00&to=x`);
    expect(publicQuery.status).toBe(400);

    const form = await fetch(`${t.baseUrl}/inquiry`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: 'name=%E5%B1%B1%E7%94%B0&subject=a%00b',
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('使えない文字');
  });

  it('JSON nested thousands deep is refused before anything walks it', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const response = await postJson(t, '/api/v1/inquiries', `{"name":${deep}}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/nested/);
  });

  it('a mail of 3,000 MIME parts is refused as too large a structure, not a crash', async () => {
    const boundary = 'b';
    const parts = Array.from(
      { length: 3000 },
      (_, i) => `--${boundary}\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`,
    );
    const raw = Buffer.from(
      [
        'From: attacker@example.jp',
        'To: support@madoguchi.invalid',
        'Subject: many parts',
        'Message-ID: <many-parts@example.jp>',
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        '',
        ...parts,
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    const response = await fetch(`${t.baseUrl}/api/v1/inbound-mail`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INBOUND_TOKEN}`, 'content-type': 'message/rfc822' },
      body: raw,
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { code: string }).code).toBe('inbound-mail.too-complex');
  });

  it('denials reach the audit log — no sign-in, a role too low, a refused CSRF token, an unknown id — at most ten a minute per address', async () => {
    const admin = t.api.as(await t.api.login(ADMIN.email, ADMIN.password));
    const denials = async () =>
      (await admin.get('/api/v1/audit-events?action=auth.denied&limit=200')).json.items as Array<{
        actorId: string | null;
        targetId: string;
        summary: { status: number; code: string };
      }>;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
    const asAgent = t.api.as(agent.token);
    await t.api.get('/api/v1/tickets');
    await asAgent.post('/api/v1/users', {
      email: 'x@example.jp',
      name: 'x',
      password: 'a long passphrase',
      role: 'admin',
    });
    await asAgent.get('/api/v1/tickets/00000000-0000-4000-8000-000000000000');
    const session = signedInToken(
      await t.app.get(AuthService).login(SYSTEM_CONTEXT, agent.email, agent.password, 'session'),
    ).token;
    await t.api.request('POST', '/logout', undefined, { cookie: `madoguchi_session=${session}` });
    await settle();
    const recorded = await denials();
    expect(recorded.map((entry) => [entry.targetId, entry.summary.status, entry.actorId]).reverse()).toEqual([
      ['GET /api/v1/tickets', 401, null],
      ['POST /api/v1/users', 403, agent.id],
      ['GET /api/v1/tickets/:id', 404, agent.id],
      ['POST /logout', 403, agent.id],
    ]);

    // A flood from the same address: six more entries fill its ten for the minute, the rest are left out.
    await Promise.all(Array.from({ length: 40 }, () => t.api.get('/api/v1/tickets')));
    await settle();
    expect(await denials()).toHaveLength(10);
  });
});
