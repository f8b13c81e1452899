import type { Browser } from 'playwright-core';

import { Factories, FACTORY_PASSWORD } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describeWithBrowser('the customer portal: the organization’s tickets filtered, searched and paged, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows open tickets a page at a time, narrows to mine, searches, and finds solved ones under 完了', async () => {
    const factories = await Factories.for(t);
    const org = await factories.organization('さくら商事');
    const hanako = await factories.customer(org.id, { email: 'hanako@sakura.example', name: '山田 花子' });
    const taro = await factories.customer(org.id, { email: 'taro@sakura.example', name: '山田 太郎' });
    const agent = (await factories.staff('agent')).api;
    const write = (who: typeof hanako, subject: string) =>
      who.api.post('/api/v1/inquiries', {
        name: who.name,
        email: who.email,
        category: 'general',
        subject,
        body: `${subject}について`,
        consent: true,
      });
    for (let n = 1; n <= 27; n += 1) await write(hanako, `質問 ${n}`);
    const taros = (await write(taro, '請求書の再発行')).json;
    const solved = (await write(taro, '解決した件')).json;
    await agent.patch(`/api/v1/tickets/${solved.id}`, { status: 'solved' });

    const page = await signedInPage(browser, t.baseUrl, hanako.email, FACTORY_PASSWORD);
    await page.goto(`${t.baseUrl}/portal`);
    const rows = page.getByTestId('portal-tickets').locator('tbody tr');
    // 28 open tickets of the organization: 25 on the first page, the rest on the next.
    expect(await rows.count()).toBe(25);
    expect(await rows.first().textContent()).toContain('請求書の再発行');
    expect(await rows.first().textContent()).toContain('山田 太郎');
    expect(await rows.first().textContent()).toMatch(/\d{1,2}月\d{1,2}日\(.\) \d{2}:\d{2}/);
    await page.getByTestId('next-page').click();
    expect(await rows.count()).toBe(3);
    expect(await page.getByTestId('next-page').count()).toBe(0);

    const filters = page.getByTestId('portal-filters');
    await filters.getByLabel('自分のお問い合わせだけ').check();
    await filters.getByRole('button', { name: '検索' }).click();
    expect(await page.getByTestId('portal-tickets').textContent()).not.toContain('山田 太郎');

    await filters.getByLabel('自分のお問い合わせだけ').uncheck();
    await filters.getByLabel('番号・件名・本文で検索').fill('請求書');
    await filters.getByRole('button', { name: '検索' }).click();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(taros.number);

    await filters.getByLabel('番号・件名・本文で検索').fill('');
    await filters.getByLabel('状況').selectOption({ label: '完了' });
    await filters.getByRole('button', { name: '検索' }).click();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('解決した件');
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/portal.png`, fullPage: true });
    }
    await page.context().close();
  });
});
