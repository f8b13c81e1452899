import { createMigratedTestDatabase, describeWithPostgres, type TestDatabase } from '../support/services';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app';

const OWNER = { email: 'owner@throttle.example', password: 'owner passphrase 2026' };

describeWithPostgres(
  'sign-in throttling on Postgres: serialised per account and address, by account and address',
  () => {
    let database: TestDatabase;
    let t: TestApp;

    const from = (address: string, email: string, password: string) =>
      fetch(`${t.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ email, password }),
      });

    beforeAll(async () => {
      database = await createMigratedTestDatabase();
      // The test is the proxy: it says which address each attempt comes from.
      t = await startTestApp({ DATABASE_URL: database.url, TRUST_PROXY: '127.0.0.1' });
      const admin = t.api.as(await t.api.login(ADMIN.email, ADMIN.password));
      await admin.post('/api/v1/users', { ...OWNER, name: '持ち主', role: 'admin' });
    });

    afterAll(async () => {
      await t?.close();
      await database?.drop();
    });

    it('forty simultaneous guesses and the right password check five at most; the rest wait', async () => {
      const attempts = [
        ...Array.from({ length: 40 }, (_, n) => from('203.0.113.9', OWNER.email, `wrong guess number ${n}`)),
        from('203.0.113.9', OWNER.email, OWNER.password),
      ];
      const statuses = (await Promise.all(attempts)).map((response) => response.status);
      const checked = statuses.filter((status) => status !== 429);
      expect(checked.length).toBeLessThanOrEqual(5);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(36);
      // And now even the right password from that address waits.
      expect((await from('203.0.113.9', OWNER.email, OWNER.password)).status).toBe(429);
    });

    it('a stranger’s failures slow the stranger down, not the owner at their usual address', async () => {
      // The owner signs in from the office: that address becomes familiar.
      expect((await from('198.51.100.7', OWNER.email, OWNER.password)).status).toBe(200);
      // Strangers on twelve machines try five passwords each: 60 failures on the account.
      for (let machine = 1; machine <= 12; machine += 1) {
        const results = await Promise.all(
          Array.from({ length: 5 }, (_, n) => from(`192.0.2.${machine}`, OWNER.email, `stranger ${machine}/${n}`)),
        );
        expect(results.every((response) => [401, 429].includes(response.status))).toBe(true);
        expect((await from(`192.0.2.${machine}`, OWNER.email, 'one more guess')).status).toBe(429);
      }
      // Any further unfamiliar address is now refused for this account, even with the right password…
      expect((await from('192.0.2.200', OWNER.email, OWNER.password)).status).toBe(429);
      // …and another account from that address is not.
      expect((await from('192.0.2.200', ADMIN.email, ADMIN.password)).status).toBe(200);
      // The owner at the office signs in.
      expect((await from('198.51.100.7', OWNER.email, OWNER.password)).status).toBe(200);
    });
  },
);
