import type { Browser } from 'playwright-core';

import { Factories, type Person } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = process.env.SCREENSHOT_DIR;

describeWithBrowser('HTML error pages in the reader’s language', () => {
  let t: TestApp;
  let browser: Browser;
  let agent: Person;

  beforeAll(async () => {
    t = await startTestApp();
    agent = await (await Factories.for(t)).staff('agent');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an unknown page is a Japanese 404 page with a way back, and an English one after switching', async () => {
    const page = await (await browser.newContext()).newPage();
    const response = await page.goto(`${t.baseUrl}/no-such-page`);
    expect(response!.status()).toBe(404);
    expect(response!.headers()['content-type']).toContain('text/html');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('ページが見つかりません');
    expect(await page.getByRole('link', { name: 'トップページへ' }).getAttribute('href')).toBe('/');
    const requestId = response!.headers()['x-request-id']!;
    expect(await page.locator('main').textContent()).toContain(`次の番号をお伝えください: ${requestId}`);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/error-404-ja.png`, fullPage: true });

    await page.goto(`${t.baseUrl}/lang/en?next=/no-such-page`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await page.locator('main').textContent()).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    await page.context().close();
  });

  it('a page the viewer’s role may not open is a 403 page, in Japanese and in English', async () => {
    const page = await signedInPage(browser, t.baseUrl, agent.email, agent.password);
    const response = await page.goto(`${t.baseUrl}/admin/users`);
    expect(response!.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('この操作は許可されていません');
    // Still inside the desk: the navigation of a signed-in agent is there.
    expect(await page.getByRole('link', { name: 'デスク' }).count()).toBe(1);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/error-403-ja.png`, fullPage: true });

    await page.goto(`${t.baseUrl}/lang/en?next=/admin/users`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This is not allowed');
    await page.context().close();
  });

  it('a refused action says which rule refused it, in the reader’s words', async () => {
    const manager = await (await Factories.for(t)).staff('manager');
    const service = (await manager.api.post('/api/v1/services', { name: '請求' })).json.id as string;
    const incident = await manager.api.post('/api/v1/incidents', {
      title: '請求画面の表示遅延',
      serviceIds: [service],
      impact: 'degraded',
      status: 'investigating',
      message: { ja: '調査しています。' },
    });
    // Published already: publishing again from the page (confirmed) is refused with 409.
    const again = await fetch(`${t.baseUrl}/incidents/${incident.json.id as string}/publish`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        authorization: `Bearer ${manager.token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'confirmed=yes',
    });
    expect(again.status).toBe(409);
    const text = await again.text();
    expect(text).toContain('<h1>変更が競合しました</h1>');
    expect(text).toContain('<p class="error" role="alert">この障害はすでに公開されています。</p>');
  });

  it('the API and clients that do not ask for HTML keep problem+json', async () => {
    const html = { accept: 'text/html,application/xhtml+xml' };
    const api = await fetch(`${t.baseUrl}/api/v1/no-such-thing`, { headers: html });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(((await api.json()) as { code: string }).code).toBe('resource.not-found');

    const script = await fetch(`${t.baseUrl}/no-such-page`);
    expect(script.headers.get('content-type')).toContain('application/problem+json');
  });
});
