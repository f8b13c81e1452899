import type { Browser } from 'playwright-core';

import { Factories } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describe('one’s own account: language and password', () => {
  let t: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    factories = await Factories.for(t);
  });

  afterAll(() => t?.close());

  it('changes the password only with the current one, ends every session, and signs in with the new one', async () => {
    const person = await factories.customer((await factories.organization()).id);
    const change = (currentPassword: string, newPassword: string) =>
      person.api.put('/api/v1/users/me/password', { currentPassword, newPassword });
    const wrong = await change('not my password', 'a brand new passphrase 2026');
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors.map((e: { field: string }) => e.field)).toEqual(['currentPassword']);
    const weak = await change(person.password, 'short');
    expect(weak.json.errors.map((e: { field: string }) => e.field)).toEqual(['newPassword']);

    expect((await change(person.password, 'a brand new passphrase 2026')).status).toBe(204);
    expect((await person.api.get('/api/v1/users/me')).status).toBe(401);
    expect(await t.api.login(person.email, 'a brand new passphrase 2026')).toEqual(expect.any(String));
    expect((await t.api.post('/api/v1/auth/login', { email: person.email, password: person.password })).status).toBe(
      401,
    );
  });

  it('keeps the language of one’s pages and e-mails', async () => {
    const person = await factories.staff('agent');
    const changed = await person.api.patch('/api/v1/users/me', { language: 'en' });
    expect(changed.json.language).toBe('en');
    expect((await person.api.patch('/api/v1/users/me', { language: 'fr' })).status).toBe(400);
    expect((await person.api.patch('/api/v1/users/me', { role: 'admin' })).status).toBe(400);
    expect((await person.api.get('/api/v1/users/me')).json).toMatchObject({ language: 'en', role: 'agent' });
  });

  describeWithBrowser('on the settings page', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
    });

    afterAll(() => browser?.close());

    it('switches the language, refuses differing new passwords, and changes the password', async () => {
      const person = await factories.staff('agent');
      const page = await signedInPage(browser, t.baseUrl, person.email, person.password);
      await page.goto(`${t.baseUrl}/account/settings`);
      await page.getByTestId('language-form').locator('#language').selectOption('en');
      await page.getByTestId('language-form').getByRole('button', { name: '保存' }).click();
      expect(await page.getByRole('status').first().textContent()).toBe('Your settings were saved.');
      expect(await page.locator('h1').textContent()).toBe('Account settings');

      const form = page.getByTestId('password-form');
      await form.locator('#currentPassword').fill(person.password);
      await form.locator('#newPassword').fill('another passphrase 2026');
      await form.locator('#newPasswordAgain').fill('another passphrase 2025');
      await form.getByRole('button', { name: 'Change password' }).click();
      expect(await page.locator('#newPasswordAgain-error').textContent()).toContain('The two new passwords differ.');
      if (process.env.SCREENSHOT_DIR)
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/account-settings.png`, fullPage: true });

      await page.getByTestId('password-form').locator('#currentPassword').fill(person.password);
      await page.getByTestId('password-form').locator('#newPassword').fill('another passphrase 2026');
      await page.getByTestId('password-form').locator('#newPasswordAgain').fill('another passphrase 2026');
      await page.getByTestId('password-form').getByRole('button', { name: 'Change password' }).click();
      await page.getByTestId('password-set').waitFor();
      // Signed out: the session ended with the old password.
      await page.goto(`${t.baseUrl}/account/settings`);
      await page.waitForURL(/\/login/);
      expect(await t.api.login(person.email, 'another passphrase 2026')).toEqual(expect.any(String));
    });
  });
});
