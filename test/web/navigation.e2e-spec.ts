import type { Browser } from 'playwright-core';

import { Factories, type Person } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = process.env.SCREENSHOT_DIR;

describeWithBrowser(
  'navigation: grouped by role, the current page marked, a menu on phones, status linked everywhere',
  () => {
    let t: TestApp;
    let browser: Browser;
    let manager: Person;

    beforeAll(async () => {
      t = await startTestApp();
      manager = await (await Factories.for(t)).staff('manager');
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    it('marks the page being shown, groups the links by role, and links the status page from the footer', async () => {
      const page = await signedInPage(browser, t.baseUrl, manager.email, manager.password);
      await page.goto(`${t.baseUrl}/phone/calls`);
      const nav = page.getByRole('navigation', { name: 'メインメニュー' });
      expect(await nav.getByRole('link', { name: '電話' }).getAttribute('aria-current')).toBe('page');
      expect(await nav.getByRole('link', { name: 'デスク' }).getAttribute('aria-current')).toBe('false');
      expect(await nav.getByRole('list', { name: '管理' }).getByRole('link').allTextContents()).toEqual([
        'KPI',
        '営業カレンダー',
        'SLA ポリシー',
        'グループ',
      ]);
      // A manager is not an admin: no administration group.
      expect(await nav.getByRole('list', { name: 'システム管理' }).count()).toBe(0);
      expect(
        await page.locator('footer').getByRole('link', { name: '障害・メンテナンス情報' }).getAttribute('href'),
      ).toBe('/status');
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/nav-desktop.png` });
      await page.context().close();
    });

    it('on a phone the menu opens from its button', async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
      const page = await context.newPage();
      await page.goto(`${t.baseUrl}/`);
      expect(await page.getByTestId('landing').getByRole('link').allTextContents()).toEqual([
        'お問い合わせ',
        '問い合わせ状況の確認（ログイン）',
        '障害・メンテナンス情報',
        '開示レポート',
      ]);
      const nav = page.getByRole('navigation', { name: 'メインメニュー' });
      expect(await nav.isVisible()).toBe(false);
      await page.getByText('メニュー', { exact: true }).click();
      expect(await nav.isVisible()).toBe(true);
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/nav-phone.png`, fullPage: true });
      await context.close();
    });
  },
);
