import { join } from 'node:path';

import type { Browser } from 'playwright-core';

import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { describeWithBrowser, launchBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const at = (local: string) => Date.parse(`${local}+09:00`);

describeWithBrowser('the public status page: banner, 90 days of bars, in Japanese and English', () => {
  const clock = new SettableClock(at('2026-11-28T10:00:00'));
  let t: TestApp;
  let browser: Browser;
  let manager: ApiClient;
  const services: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    manager = (await (await Factories.for(t)).staff('manager')).api;
    for (const [name, nameEn] of [
      ['管理コンソール', 'Admin console'],
      ['請求', 'Billing'],
      ['API', 'API'],
    ])
      services[nameEn] = (await manager.post('/api/v1/services', { name, nameEn })).json.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is green while every service runs, and each service has 90 days of bars ending today', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/status`);
    expect(await page.getByTestId('overall').textContent()).toBe('すべてのサービスは正常に稼働しています');
    expect(await page.getByTestId('days').count()).toBe(3);
    const bars = page.getByTestId('days').first().locator('li');
    expect(await bars.count()).toBe(90);
    expect(await bars.last().getAttribute('data-date')).toBe('2026-11-28');
    expect(await bars.first().getAttribute('data-date')).toBe('2026-08-31');
    await page.close();
  });

  it('colours the day of an outage, gives its availability on focus, and names the worst state now', async () => {
    // A major outage on the console 11-26 10:00–10:30 (published), then a partial one on billing now.
    clock.set(at('2026-11-26T10:05:00'));
    const outage = (
      await manager.post('/api/v1/incidents', {
        title: '管理コンソールに接続できない',
        titleEn: 'Admin console unreachable',
        serviceIds: [services['Admin console']],
        impact: 'major-outage',
        status: 'investigating',
        message: { ja: '調査中です。', en: 'Investigating.' },
        detectedAt: '2026-11-26T10:00:00+09:00',
      })
    ).json;
    clock.set(at('2026-11-26T10:30:00'));
    await manager.post(`/api/v1/incidents/${outage.id}/updates`, {
      status: 'resolved',
      message: { ja: '復旧しました。', en: 'Resolved.' },
    });
    clock.set(at('2026-11-28T10:00:00'));
    await manager.post('/api/v1/incidents', {
      title: '請求書の表示が遅い',
      serviceIds: [services.Billing],
      impact: 'partial-outage',
      status: 'identified',
      message: { ja: '一部のお客様で請求書が表示されません。' },
      detectedAt: '2026-11-28T09:00:00+09:00',
    });

    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/status`);
    expect(await page.getByTestId('overall').textContent()).toBe('一部のサービスが一部停止しています');
    const consoleRow = page.locator(`[data-service="${services['Admin console']}"]`);
    const outageDay = consoleRow.locator('li[data-date="2026-11-26"]');
    expect(await outageDay.getAttribute('class')).toBe('day major-outage');
    // 30 minutes down of 24 hours: 97.91 % (floored, never rounded up to look better).
    expect(await outageDay.locator('.tip').textContent()).toBe(
      '2026年11月26日(木): 停止 · 稼働率 97.91% · 停止時間 30分',
    );
    // The day's words are a tooltip on hover: laid out beside the bar, not clipped to a pixel.
    await outageDay.hover();
    expect((await outageDay.locator('.tip').boundingBox())!.width).toBeGreaterThan(100);
    expect(await consoleRow.getByTestId('availability').textContent()).toBe('過去 90 日間の稼働率 99.97%');
    const billingToday = page.locator(`[data-service="${services.Billing}"] li[data-date="2026-11-28"]`);
    expect(await billingToday.getAttribute('class')).toBe('day partial-outage');

    // One tab stop per service: today's bar; the arrow keys walk back through the days.
    await consoleRow.locator('li[data-date="2026-11-28"]').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const focusedDay = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { dataset: Record<string, string> } | null } }).document
          .activeElement?.dataset.date,
    );
    expect(focusedDay).toBe('2026-11-26');
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'status-ja.png'), fullPage: true });
    await outageDay.hover();
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'status-ja-tip.png') });

    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getByTestId('overall').textContent()).toBe('Some services are partly down');
    expect(
      await page.locator(`[data-service="${services['Admin console']}"] li[data-date="2026-11-26"] .tip`).textContent(),
    ).toBe('Thu, 26 Nov 2026: Major outage · availability 97.91% · downtime 30 min');
    expect(await page.getByTestId('service-status').textContent()).toContain(
      'Availability over the last 90 days: 99.97%',
    );
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'status-en.png'), fullPage: true });
    await page.close();
  });

  it('the subscribe form: reached from the status page, refused field by field, then the confirmation sent', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/status`);
    await page.getByTestId('subscribe-link').click();
    expect(await page.locator('h1').textContent()).toBe('障害・メンテナンス情報のメール配信');
    await page.getByLabel('メールアドレス').fill('not-an-address');
    await page.getByRole('button', { name: '確認メールを送る' }).click();
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#email-error').textContent()).toContain('メールアドレス');
    await page.getByLabel('メールアドレス').fill('watcher@example.org');
    await page.getByLabel('English').check();
    await page.getByLabel('請求').check();
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'subscribe-ja.png'), fullPage: true });
    await page.getByRole('button', { name: '確認メールを送る' }).click();
    expect(await page.getByTestId('subscribe-sent').textContent()).toBe(
      'watcher@example.org に確認メールを送りました。48 時間以内にメールのリンクを開き、登録を完了してください。届かない場合は迷惑メールのフォルダーもご確認ください。',
    );
    await page.getByRole('link', { name: 'English' }).click();
    await page.goto(`${t.baseUrl}/status/subscribe`);
    expect(await page.locator('h1').textContent()).toBe('Service status notices by e-mail');
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'subscribe-en.png'), fullPage: true });
    await page.close();
  });
});
