import type { Browser } from 'playwright-core';

import { SettableClock } from '@madoguchi/common';
import { base32Decode, totpCode, totpStepAt } from '@madoguchi/identity/domain';

import { ApiClient } from '../support/api-client';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = process.env.SCREENSHOT_DIR;
const AGENT = { email: 'agent@two-factor.example', password: 'agent passphrase 2026', name: '佐藤 次郎' };
/** Now, set back to 10 s into its 30 s step (tokens expire by the database's clock, so near real time). */
const START = Math.floor(Date.now() / 30_000) * 30_000 + 10_000;

describe('two-factor sign-in (TOTP, RFC 6238) with recovery codes', () => {
  let t: TestApp;
  const clock = new SettableClock(START);
  let secret: Buffer;
  let admin: ApiClient;
  let recoveryCodes: string[];

  const codeAt = (epochMs: number) => totpCode(secret, totpStepAt(epochMs));
  const password = (email: string, pass: string) => t.api.post('/api/v1/auth/login', { email, password: pass });
  const second = (challenge: string, code: string) =>
    t.api.post('/api/v1/auth/login/second-factor', { challenge, code });
  const audited = async (action: string) =>
    (await admin.get(`/api/v1/audit-events?action=${action}`)).json.items as Array<Record<string, unknown>>;

  beforeAll(async () => {
    t = await startTestApp({ SECOND_FACTOR_REQUIRED: 'admins' }, { clock });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('an admin’s password alone gives no token: the first sign-in sets up the authenticator app', async () => {
    const step = await password(ADMIN.email, ADMIN.password);
    expect(step.status).toBe(200);
    expect(step.json.accessToken).toBeUndefined();
    const { challenge, enrolment } = step.json.secondFactor;
    expect(enrolment.otpauthUri).toMatch(
      /^otpauth:\/\/totp\/Madoguchi%3Aadmin%40madoguchi\.test\?secret=[A-Z2-7]{32}&/,
    );
    secret = base32Decode(enrolment.secret);

    // A wrong code does not sign in, and is audited.
    expect((await second(challenge, '000000')).json.code).toBe('auth.second-factor-invalid');
    const signedIn = await second(challenge, codeAt(START));
    expect(signedIn.status).toBe(200);
    recoveryCodes = signedIn.json.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    admin = t.api.as(signedIn.json.accessToken);
    expect((await admin.get('/api/v1/users/me/second-factor')).json).toEqual({
      enrolled: true,
      required: true,
      recoveryCodesLeft: 10,
    });
    // The challenge was spent by that sign-in.
    expect((await second(challenge, codeAt(START))).json.code).toBe('auth.challenge-expired');
    expect((await audited('auth.second-factor.enrol')).length).toBe(1);
    expect((await audited('auth.second-factor.failed'))[0]!.summary).toEqual({ reason: 'wrong-code' });
  });

  it('takes the code of the step before or after, never a used one, never two steps away', async () => {
    const challengeAt = async (at: number) => {
      clock.set(at);
      return (await password(ADMIN.email, ADMIN.password)).json.secondFactor.challenge as string;
    };
    // The code already used at START: refused again in the same step.
    let challenge = await challengeAt(START + 5_000);
    expect((await second(challenge, codeAt(START))).status).toBe(401);
    expect((await audited('auth.second-factor.failed'))[0]!.summary).toEqual({ reason: 'code-already-used' });

    // One step later, the previous step's code would be a replay too: the next step's code works (clock drift).
    challenge = await challengeAt(START + 30_000);
    expect((await second(challenge, codeAt(START + 60_000))).status).toBe(200);
    // Two steps away: refused.
    challenge = await challengeAt(START + 5 * 30_000);
    expect((await second(challenge, codeAt(START + 7 * 30_000))).status).toBe(401);
    expect((await second(challenge, codeAt(START + 5 * 30_000))).status).toBe(200);
  });

  it('a recovery code signs in once', async () => {
    clock.set(START + 10 * 30_000);
    const { challenge } = (await password(ADMIN.email, ADMIN.password)).json.secondFactor;
    const code = recoveryCodes[3]!.toUpperCase();
    expect((await second(challenge, code)).status).toBe(200);
    const again = (await password(ADMIN.email, ADMIN.password)).json.secondFactor.challenge;
    expect((await second(again, code)).status).toBe(401);
    expect((await admin.get('/api/v1/users/me/second-factor')).json.recoveryCodesLeft).toBe(9);
    expect((await audited('auth.second-factor.recovery-code-used')).length).toBe(1);
  });

  it('wrong codes are throttled like passwords: after five, even the right code is refused', async () => {
    clock.set(START + 20 * 30_000);
    const { challenge } = (await password(ADMIN.email, ADMIN.password)).json.secondFactor;
    // Four wrong or spent codes were tried from this address above; one more reaches the limit of five.
    expect((await second(challenge, '123450')).status).toBe(401);
    const refused = await second(challenge, codeAt(START + 20 * 30_000));
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('auth.too-many-attempts');
    clock.set(START + 20 * 30_000 + 16 * 60_000);
  });

  it('an agent may enrol from the account, is then always asked, and an admin can reset it (audited)', async () => {
    const created = await admin.post('/api/v1/users', { ...AGENT, role: 'agent' });
    const agent = t.api.as((await password(AGENT.email, AGENT.password)).json.accessToken);
    expect((await agent.get('/api/v1/users/me/second-factor')).json).toMatchObject({
      enrolled: false,
      required: false,
    });
    const enrolment = (await agent.post('/api/v1/users/me/second-factor')).json;
    const agentSecret = base32Decode(enrolment.secret);
    const now = clock.now();
    const confirmed = await agent.post('/api/v1/users/me/second-factor/confirm', {
      code: totpCode(agentSecret, totpStepAt(now)),
    });
    expect(confirmed.json.recoveryCodes).toHaveLength(10);

    const step = await password(AGENT.email, AGENT.password);
    expect(step.json.accessToken).toBeUndefined();
    expect(step.json.secondFactor.enrolment).toBeNull();

    expect((await admin.request('DELETE', `/api/v1/users/${created.json.id}/second-factor`)).status).toBe(204);
    // Reset: their sessions ended, and the password alone signs in again (not required for agents).
    expect((await agent.get('/api/v1/users/me')).status).toBe(401);
    expect((await password(AGENT.email, AGENT.password)).json.accessToken).toEqual(expect.any(String));
    expect((await audited('auth.second-factor.reset'))[0]).toMatchObject({ targetId: created.json.id });
    // An admin's own factor cannot be removed while the role requires it.
    const removal = await admin.post('/api/v1/users/me/second-factor/remove', { code: codeAt(clock.now()) });
    expect(removal.status).toBe(422);
    expect(removal.json.code).toBe('second-factor.required');
  });

  it('believes no X-Forwarded-For without TRUST_PROXY: the address recorded is the connection’s', async () => {
    await t.api.request(
      'POST',
      '/api/v1/auth/login',
      { email: 'nobody@example.jp', password: 'x' },
      {
        'x-forwarded-for': '198.51.100.23',
      },
    );
    const failed = await audited('auth.login.failed');
    expect(failed[0]).toMatchObject({ targetId: 'nobody@example.jp', ip: '127.0.0.1' });
  });
});

describeWithBrowser('two-factor sign-in in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let adminSecret: Buffer;

  beforeAll(async () => {
    t = await startTestApp({ SECOND_FACTOR_REQUIRED: 'admins' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the admin scans a QR code, types its code, keeps the recovery codes and is signed in', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${t.baseUrl}/login`);
    await page.getByLabel('メールアドレス').fill(ADMIN.email);
    await page.getByLabel('パスワード').fill(ADMIN.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('heading', { name: '認証アプリを設定してください' }).waitFor();
    expect(await page.getByTestId('qr-code').locator('svg').count()).toBe(1);
    const secret = base32Decode((await page.getByTestId('totp-secret').textContent())!);
    adminSecret = secret;
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/two-factor-enrol.png`, fullPage: true });

    await page.getByLabel('確認コード').fill('000000');
    await page.getByRole('button', { name: '確認する' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('確認コードが正しくない');
    // The QR code is still there to scan after a wrong code.
    expect(await page.getByTestId('qr-code').locator('svg').count()).toBe(1);

    await page.getByLabel('確認コード').fill(totpCode(secret, totpStepAt(Date.now())));
    await page.getByRole('button', { name: '確認する' }).click();
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/two-factor-recovery.png`, fullPage: true });
    await page.getByRole('link', { name: '続ける' }).click();
    await page.waitForURL(`${t.baseUrl}/`);
    expect(
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'デスク' }).count(),
    ).toBe(1);
    await page.context().close();
  });

  it('an agent sets up an authenticator app from the account page', async () => {
    // The admin (enrolled above) signs in over the API with the next step's code: the current one is spent.
    const step = await t.api.post('/api/v1/auth/login', ADMIN);
    const admin = t.api.as(
      (
        await t.api.post('/api/v1/auth/login/second-factor', {
          challenge: step.json.secondFactor.challenge,
          code: totpCode(adminSecret, totpStepAt(Date.now()) + 1),
        })
      ).json.accessToken,
    );
    expect((await admin.post('/api/v1/users', { ...AGENT, role: 'agent' })).status).toBe(201);
    const page = await signedInPage(browser, t.baseUrl, AGENT.email, AGENT.password);
    await page.getByRole('link', { name: AGENT.name }).click();
    expect(await page.getByTestId('second-factor-status').textContent()).toContain('設定されていません');
    await page.getByRole('button', { name: '認証アプリを設定する' }).click();
    const secret = base32Decode((await page.getByTestId('totp-secret').textContent())!);
    // A wrong code is told in Japanese, and the same secret is there to scan again.
    await page.getByLabel('確認コード').fill('000000');
    await page.getByRole('button', { name: '確認する' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('確認コードが正しくない');
    expect(base32Decode((await page.getByTestId('totp-secret').textContent())!)).toEqual(secret);
    await page.getByLabel('確認コード').fill(totpCode(secret, totpStepAt(Date.now())));
    await page.getByRole('button', { name: '確認する' }).click();
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    expect(await page.getByTestId('second-factor-status').textContent()).toContain('未使用のリカバリーコード: 10 個');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/account-security.png`, fullPage: true });
    await page.context().close();
  });
});
