import { AuthService, UserService } from '@madoguchi/identity';

import { type ApplicationUnderTest, signedInToken, startApplication } from '../../support/application';

const PASSWORD = 'a long enough passphrase';

describe('AuthService', () => {
  let app: ApplicationUnderTest;
  let auth: AuthService;
  const visitor = () => app.as(null);

  beforeAll(async () => {
    app = await startApplication();
    auth = app.get(AuthService);
  });

  afterAll(() => app?.close());

  const agent = async (email: string) => {
    const created = await app.user('agent', { email });
    await app.get(UserService).update(app.as(created), created.userId, { password: PASSWORD });
    return created;
  };

  it('signs in with a token that authenticates until logout, each step audited', async () => {
    const user = await agent('suzuki@example.jp');
    const issued = signedInToken(await auth.login(visitor(), ' Suzuki@Example.JP ', PASSWORD, 'api'));
    expect(issued.principal).toMatchObject({ userId: user.userId, role: 'agent' });
    expect(await auth.authenticate(issued.token)).toMatchObject({ tokenId: issued.tokenId, kind: 'api' });
    expect(await app.audited('auth.login.succeeded', user.userId)).toHaveLength(1);
    await auth.logout(app.as(issued.principal), issued.tokenId);
    expect(await auth.authenticate(issued.token)).toBeNull();
    expect(await app.audited('auth.logout', issued.tokenId)).toHaveLength(1);
  });

  it('answers a wrong password and an unknown address alike, and records why', async () => {
    await agent('sato@example.jp');
    await expect(auth.login(visitor(), 'sato@example.jp', 'not it at all', 'api')).rejects.toMatchObject({
      code: 'auth.invalid-credentials',
    });
    await expect(auth.login(visitor(), 'nobody@example.jp', PASSWORD, 'api')).rejects.toMatchObject({
      code: 'auth.invalid-credentials',
    });
    const reasons = async (email: string) =>
      (await app.audited('auth.login.failed', email)).map((entry) => (entry.summary as { reason: string }).reason);
    expect(await reasons('sato@example.jp')).toEqual(['wrong-password']);
    expect(await reasons('nobody@example.jp')).toEqual(['unknown-email']);
  });

  it('after five failures refuses even the right password, saying how long to wait', async () => {
    await agent('tanaka@example.jp');
    for (let attempt = 0; attempt < 5; attempt += 1)
      await expect(auth.login(visitor(), 'tanaka@example.jp', 'wrong guess', 'api')).rejects.toMatchObject({
        code: 'auth.invalid-credentials',
      });
    const refused = auth.login(visitor(), 'tanaka@example.jp', PASSWORD, 'api');
    await expect(refused).rejects.toMatchObject({
      code: 'auth.too-many-attempts',
      details: { retryAfterSeconds: expect.any(Number) },
    });
  });
});
