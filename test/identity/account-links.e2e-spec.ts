import type { ParsedMail } from 'mailparser';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';

import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { deliveredMail, recipientsOf } from '../support/mail-folder';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app';

const NEW_PASSWORD = 'kiri no naka no tokyo tower 2026';

describeWithBrowser('password reset and invitations, from the e-mail link to signing in, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let factories: Factories;
  const clock = new SettableClock(Date.parse('2026-12-02T10:00:00+09:00'));
  const seen = new Set<string>();

  /** Mail delivered since the last call, to `address`. */
  const newMailTo = async (address: string): Promise<ParsedMail[]> => {
    const fresh = (await deliveredMail(t.app, t.config.DATA_DIR)).filter((mail) => !seen.has(mail.messageId!));
    for (const mail of fresh) seen.add(mail.messageId!);
    return fresh.filter((mail) => recipientsOf(mail).includes(address));
  };

  /** The link in a mail, on this test's server (the mail names PUBLIC_BASE_URL). */
  const linkIn = (mail: ParsedMail, path: string) => {
    const found = new RegExp(`\\S+${path.replace('/', '\\/')}\\?token=[\\w-]+`).exec(mail.text ?? '')?.[0];
    expect(found && new URL(found).origin).toBe(new URL(t.config.PUBLIC_BASE_URL).origin);
    const url = new URL(found!);
    return { url: `${t.baseUrl}${url.pathname}${url.search}`, token: url.searchParams.get('token')! };
  };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    factories = await Factories.for(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a customer asks for a reset, follows the link once, and signs in with the new password', async () => {
    const org = await factories.organization('さくら商事');
    const customer = await factories.customer(org.id, { email: 'hanako@sakura.example', name: '佐藤 花子' });
    await newMailTo('hanako@sakura.example');

    // The same answer whether or not the address has an account; only the real one gets a mail.
    const asked = await t.api.post('/api/v1/auth/password-resets', { email: 'Hanako@Sakura.example' });
    const unknown = await t.api.post('/api/v1/auth/password-resets', { email: 'nobody@sakura.example' });
    expect([asked.status, unknown.status]).toEqual([202, 202]);
    expect(asked.text).toBe(unknown.text);
    const [mail, ...more] = await newMailTo('hanako@sakura.example');
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('パスワード再設定のご案内');
    expect(mail!.text).toContain('12月2日(水) 11:00 JST まで使えます');
    const { url, token } = linkIn(mail!, '/account/reset');

    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('新しいパスワードの設定');
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.getByLabel('新しいパスワード（確認）').fill(`${NEW_PASSWORD}!`);
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    expect(await page.locator('#passwordConfirmation-error').textContent()).toContain('同じパスワードをもう一度');
    // A refused password leaves the link working.
    await page.locator('#password').fill('password1234');
    await page.getByLabel('新しいパスワード（確認）').fill('password1234');
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    expect(await page.locator('#password-error').textContent()).toMatch(/よく使われる/);
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.getByLabel('新しいパスワード（確認）').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    expect(await page.getByTestId('password-set').textContent()).toContain('パスワードを設定しました');

    // The old password and every open session are gone; the new password signs in.
    expect((await t.api.as(customer.token).get('/api/v1/users/me')).status).toBe(401);
    expect(
      (await t.api.post('/api/v1/auth/login', { email: customer.email, password: customer.password })).status,
    ).toBe(401);
    expect((await t.api.post('/api/v1/auth/login', { email: customer.email, password: NEW_PASSWORD })).status).toBe(
      200,
    );

    // Once only.
    await page.goto(url);
    expect(await page.getByTestId('link-unusable').textContent()).toContain('期限切れか、すでに使われています');
    const again = await t.api.post('/api/v1/auth/password-resets/complete', {
      token,
      password: `${NEW_PASSWORD} again`,
    });
    expect(again.status).toBe(400);
    expect(again.json.errors).toEqual([{ field: 'token', messages: [expect.stringContaining('link')] }]);
    const audited = (await t.app
      .get(DataSource)
      .query(`SELECT action FROM audit_event WHERE target_id = $1 ORDER BY id`, [customer.id])) as Array<{
      action: string;
    }>;
    expect(audited.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['auth.password-reset.request', 'user.password-reset']),
    );
    await page.context().close();
  });

  it('a reset link expires after an hour, and no more than three reset mails a hour reach one account', async () => {
    const org = await factories.organization('もみじ工業');
    const customer = await factories.customer(org.id, { email: 'jiro@momiji.example' });
    await newMailTo(customer.email);
    await t.api.post('/api/v1/auth/password-resets', { email: customer.email });
    const { token } = linkIn((await newMailTo(customer.email))[0]!, '/account/reset');
    clock.set(clock.now() + 61 * 60_000);
    const late = await t.api.post('/api/v1/auth/password-resets/complete', { token, password: NEW_PASSWORD });
    expect(late.status).toBe(400);
    expect(late.json.errors[0].field).toBe('token');

    for (let n = 0; n < 5; n += 1) {
      expect((await t.api.post('/api/v1/auth/password-resets', { email: customer.email })).status).toBe(202);
    }
    expect(await newMailTo(customer.email)).toHaveLength(3);
  });

  it('a manager invites a contact without a password; the contact sets one from the invitation and signs in', async () => {
    const org = await factories.organization('かえで物産');
    const manager = (await factories.staff('manager', { name: '高橋 課長' })).api;
    // Managers add contacts, not staff; a user needs a password or an invitation.
    expect(
      (await manager.post('/api/v1/users', { email: 'x@kaede.example', name: 'x', role: 'agent', invite: true }))
        .status,
    ).toBe(403);
    const neither = await manager.post('/api/v1/users', {
      email: 'y@kaede.example',
      name: 'y',
      role: 'customer',
      organizationId: org.id,
    });
    expect(neither.status).toBe(400);
    expect(neither.json.errors[0].field).toBe('password');

    const invited = await manager.post('/api/v1/users', {
      email: 'kaori@kaede.example',
      name: '鈴木 香織',
      role: 'customer',
      organizationId: org.id,
      invite: true,
    });
    expect(invited.status).toBe(201);
    expect(invited.json).toMatchObject({ passwordSet: false, active: true });
    // No password signs an invited user in before they chose one.
    expect((await t.api.post('/api/v1/auth/login', { email: 'kaori@kaede.example', password: '' })).status).not.toBe(
      200,
    );

    const [mail] = await newMailTo('kaori@kaede.example');
    expect(mail!.subject).toBe('サポートサイトへのご招待');
    expect(mail!.text).toContain('高橋 課長 から「かえで物産」のご担当者として');
    const { url, token } = linkIn(mail!, '/account/invite');
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('パスワードを設定してご利用を始める');
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.getByLabel('新しいパスワード（確認）').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    expect(await page.getByTestId('password-set').textContent()).toContain('パスワードを設定しました');
    await page.getByRole('link', { name: 'ログインする' }).click();
    await page.getByLabel('メールアドレス').fill('kaori@kaede.example');
    await page.getByLabel('パスワード', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(`${t.baseUrl}/`);

    const admin = factories.admin;
    expect((await admin.get(`/api/v1/users/${invited.json.id}`)).json.passwordSet).toBe(true);
    expect((await t.api.post('/api/v1/auth/invitations/complete', { token, password: NEW_PASSWORD })).status).toBe(400);
    await page.context().close();
  });

  it('an invitation is sent again on request: the old link stops working, at most three an hour, never once accepted', async () => {
    const org = await factories.organization('すみれ商会');
    const manager = (await factories.staff('manager')).api;
    const invited = await manager.post('/api/v1/users', {
      email: 'aoi@sumire.example',
      name: '青井 葵',
      role: 'customer',
      organizationId: org.id,
      invite: true,
    });
    const [first] = await newMailTo('aoi@sumire.example');
    const resent = await manager.post(`/api/v1/users/${invited.json.id}/invitation`);
    expect(resent.status).toBe(202);
    expect(resent.json).toEqual({ linkValidDays: 7 });
    const [second] = await newMailTo('aoi@sumire.example');
    expect(second!.subject).toBe('サポートサイトへのご招待');
    const complete = (token: string) =>
      t.api.post('/api/v1/auth/invitations/complete', { token, password: NEW_PASSWORD });
    expect((await complete(linkIn(first!, '/account/invite').token)).status).toBe(400);

    expect((await manager.post(`/api/v1/users/${invited.json.id}/invitation`)).status).toBe(202);
    const throttled = await manager.post(`/api/v1/users/${invited.json.id}/invitation`);
    expect(throttled.status).toBe(429);
    expect(throttled.json.code).toBe('user.invitation-throttled');
    const [latest] = (await newMailTo('aoi@sumire.example')).slice(-1);
    expect((await complete(linkIn(latest!, '/account/invite').token)).status).toBe(204);
    const accepted = await factories.admin.post(`/api/v1/users/${invited.json.id}/invitation`);
    expect(accepted.status).toBe(409);
    expect(accepted.json.code).toBe('user.invitation-accepted');
    const staff = await factories.staff('agent');
    expect((await manager.post(`/api/v1/users/${staff.id}/invitation`)).status).toBe(403);
  });

  it('the admin’s user page offers to send the invitation again while no password is set', async () => {
    const org = await factories.organization('つばき商店');
    const invited = await factories.admin.post('/api/v1/users', {
      email: 'ren@tsubaki.example',
      name: '椿 蓮',
      role: 'customer',
      organizationId: org.id,
      invite: true,
    });
    await newMailTo('ren@tsubaki.example');
    const page = await signedInPage(browser, t.baseUrl, ADMIN.email, ADMIN.password);
    await page.goto(`${t.baseUrl}/admin/users/${invited.json.id}`);
    await page.getByTestId('user-invitation').getByRole('button', { name: '招待メールを再送する' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('招待メールを再送しました');
    expect(await newMailTo('ren@tsubaki.example')).toHaveLength(1);
    await page.context().close();
  });

  it('the login page leads to the reset form, which answers the same for any address', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${t.baseUrl}/login`);
    await page.getByRole('link', { name: 'パスワードをお忘れの方' }).click();
    await page.getByRole('button', { name: '再設定用のメールを送る' }).click();
    expect(await page.locator('#email-error').textContent()).toBeTruthy();
    await page.getByLabel('メールアドレス').fill('nobody@nowhere.example');
    await page.getByRole('button', { name: '再設定用のメールを送る' }).click();
    expect(await page.getByTestId('reset-sent').textContent()).toContain('登録されていれば');
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/password-reset-sent.png`, fullPage: true });
    }
    await page.context().close();
  });
});
