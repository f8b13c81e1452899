import { ADMIN, startTestApp, TestApp } from '../support/test-app';

describe('sign-in throttling per address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses every account from an address after 30 failures in 15 minutes, with Retry-After', async () => {
    for (let n = 0; n < 30; n += 1) {
      const response = await t.api.post('/api/v1/auth/login', {
        email: `guess${n}@example.jp`,
        password: 'a wrong password',
      });
      expect(response.status).toBe(401);
    }
    const refused = await t.api.post('/api/v1/auth/login', ADMIN);
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('auth.too-many-attempts');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
