import type { Browser, Page } from 'playwright-core';

import { base32Decode, totpCode, totpStepAt } from '@madoguchi/identity/domain';

import { Factories, type Person } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describeWithBrowser('irreversible actions ask first; declined, nothing changes', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Person;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await (await Factories.for(t)).staff('admin');
    browser = await launchBrowser();
    page = await signedInPage(browser, t.baseUrl, admin.email, admin.password);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('deactivating an organization: declined it stays active, confirmed it is inactive', async () => {
    const organization = await (await Factories.for(t)).organization('株式会社つばき商会');
    const active = async () => (await admin.api.get(`/api/v1/organizations/${organization.id}`)).json.active as boolean;
    await page.goto(`${t.baseUrl}/admin/organizations`);
    const row = page.getByRole('row', { name: /株式会社つばき商会/ });
    await row.getByRole('button', { name: '無効にする' }).click();
    const confirmation = page.getByTestId('confirmation');
    expect(await confirmation.textContent()).toContain('組織「株式会社つばき商会」を無効にしますか？');
    await confirmation.getByRole('link', { name: 'やめて戻る' }).click();
    await page.waitForURL(/\/admin\/organizations$/);
    expect(await active()).toBe(true);

    await page
      .getByRole('row', { name: /株式会社つばき商会/ })
      .getByRole('button', { name: '無効にする' })
      .click();
    await page.getByTestId('confirmation').getByRole('button', { name: '無効にする' }).click();
    await page.waitForURL(/\/admin\/organizations$/);
    expect(await active()).toBe(false);
  });

  it('resetting a user’s second factor: declined it stays, confirmed it is gone and their sessions end', async () => {
    const agent = await (await Factories.for(t)).staff('agent', { name: '佐々木 健' });
    const enrolment = (await agent.api.post('/api/v1/users/me/second-factor')).json;
    const code = totpCode(base32Decode(enrolment.secret), totpStepAt(Date.now()));
    expect((await agent.api.post('/api/v1/users/me/second-factor/confirm', { code })).status).toBe(200);
    const enrolled = async () => {
      await page.goto(`${t.baseUrl}/admin/users/${agent.id}`);
      return (await page.getByTestId('user-second-factor').textContent())!.includes('設定済み');
    };

    expect(await enrolled()).toBe(true);
    await page.getByRole('button', { name: '2 段階認証をリセットする' }).click();
    const confirmation = page.getByTestId('confirmation');
    expect(await confirmation.textContent()).toContain(`佐々木 健（${agent.email}）の 2 段階認証をリセットしますか？`);
    await confirmation.getByRole('link', { name: 'やめて戻る' }).click();
    expect(await enrolled()).toBe(true);

    await page.getByRole('button', { name: '2 段階認証をリセットする' }).click();
    await page.getByTestId('confirmation').getByRole('button', { name: 'リセットする' }).click();
    await page.waitForURL(new RegExp(`/admin/users/${agent.id}$`));
    expect(await page.getByTestId('user-second-factor').textContent()).toContain('設定されていません');
    expect((await agent.api.get('/api/v1/users/me')).status).toBe(401);
  });

  it('publishing an incident: declined it stays a draft and no notice is written', async () => {
    const services = (await admin.api.get('/api/v1/services')).json as Array<{ id: string }>;
    const service = services[0]?.id ?? (await admin.api.post('/api/v1/services', { name: '請求' })).json.id;
    const draft = await admin.api.post('/api/v1/incidents', {
      title: '請求画面の表示遅延',
      serviceIds: [service],
      impact: 'degraded',
      status: 'investigating',
      draft: true,
      message: { ja: '調査しています。' },
    });
    expect(draft.status).toBe(201);
    await page.goto(`${t.baseUrl}/incidents/${draft.json.id}`);
    await page.getByRole('button', { name: '公開してメールを送信' }).click();
    await page.getByTestId('confirmation').getByRole('link', { name: 'やめて戻る' }).click();
    await page.waitForURL(`${t.baseUrl}/incidents/${draft.json.id}`);
    const incident = (await admin.api.get(`/api/v1/incidents/${draft.json.id}`)).json;
    expect(incident.publishedAt).toBeNull();
    expect(incident.delivery.total).toBe(0);
  });
});
