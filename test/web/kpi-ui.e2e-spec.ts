import { join } from 'node:path';

import type { Browser } from 'playwright-core';

import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import { at, buildWeek, PASSWORD } from '../kpi/kpi-week';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

describeWithBrowser('KPI dashboard in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  const clock = new SettableClock(at('2026-11-25T10:00:00'));

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const make = await Factories.for(t);
    for (const role of ['manager', 'agent'] as const)
      await make.staff(role, { email: `${role}@example.jp`, name: role, password: PASSWORD });
    await buildWeek(t);
    await make.admin.post('/api/v1/services', { name: '管理コンソール' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the month’s four KPIs against their targets and draws the daily trend chart', async () => {
    const page = await signedInPage(browser, t.baseUrl, 'manager@example.jp', PASSWORD);
    await page.getByRole('link', { name: 'KPI' }).click();
    await page.waitForURL(`${t.baseUrl}/kpi`);
    const abandonment = page.locator('[data-kpi="abandonmentRate"]');
    expect(await abandonment.textContent()).toContain('28.6%');
    expect(await abandonment.textContent()).toContain('2 / 7');
    expect(await abandonment.textContent()).toContain('目標未達');
    expect(await page.locator('[data-kpi="supportOperatingRate"] h2').textContent()).toBe('サポート稼働率');
    // Beside the four, service availability: one service up all month so far (1st 00:00 to 25th 10:00).
    const availability = page.locator('[data-kpi="serviceAvailability"]');
    expect(await availability.textContent()).toContain('100.00%');
    expect(await availability.textContent()).toContain('稼働 586.0 時間 / 提供 586.0 時間');
    expect(await availability.textContent()).toContain('目標 99.50% 以上');
    // Chart.js drew the four series and their four dashed target lines, one point per day of the month.
    const chart = await page.evaluate(() => {
      const chart = (
        globalThis as unknown as {
          kpiChart: {
            data: { labels: string[]; datasets: Array<{ data: Array<number | null>; borderDash?: number[] }> };
          };
        }
      ).kpiChart;
      return {
        labels: chart.data.labels,
        series: chart.data.datasets.length,
        dashed: chart.data.datasets.filter((d) => d.borderDash).length,
        operating: chart.data.datasets[0]!.data,
      };
    });
    expect([chart.series, chart.dashed]).toEqual([8, 4]);
    expect(chart.labels).toHaveLength(30);
    // The clock reads the 25th 10:00: the 20th had an operating rate, the days still to come have none.
    expect(chart.operating[19]).toBeCloseTo((6.5 / 7) * 100, 3);
    expect(chart.operating.slice(25)).toEqual([null, null, null, null, null]);
    const hours = await page.evaluate(() => {
      const chart = (globalThis as unknown as { kpiHours: { data: { datasets: Array<{ data: number[] }> } } }).kpiHours;
      return chart.data.datasets[0]!.data;
    });
    // Calls by hour of day, open or not: 9:xx Fri x4; 10:xx Sat, holiday Mon, Tue x2; 12:xx the lunch call.
    expect(hours.slice(9, 15)).toEqual([4, 4, 1, 1, 0, 1]);
    // T3 and T5 breached their first-response times; each links to its ticket.
    expect(await page.getByTestId('kpi-breaches').locator('tbody tr').count()).toBe(2);
    const box = await page.locator('#kpi-trend').boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    await page.screenshot({
      path: join(process.env.SCREENSHOT_DIR ?? t.config.DATA_DIR, 'kpi-dashboard.png'),
      fullPage: true,
    });
    await page.locator('[data-testid="kpi-days"]').getByRole('link', { name: '2026年11月20日(金)' }).click();
    await page.waitForURL(`${t.baseUrl}/phone/calls?day=2026-11-20`);
    await page.context().close();
  });

  it('shows any range, downloads it as CSV, and names agents', async () => {
    const page = await signedInPage(browser, t.baseUrl, 'manager@example.jp', PASSWORD);
    await page.goto(`${t.baseUrl}/kpi`);
    await page.getByLabel('開始日').fill('2026-11-20');
    await page.getByLabel('終了日').fill('2026-11-24');
    await page.getByRole('button', { name: '表示' }).click();
    await page.waitForURL(`${t.baseUrl}/kpi?from=2026-11-20&to=2026-11-24`);
    expect(await page.title()).toContain('2026年11月20日(金) 〜 2026年11月24日(火)');
    expect(await page.locator('[data-kpi="abandonmentRate"]').textContent()).toContain('2 / 7');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kpi-csv').click()]);
    expect(download.suggestedFilename()).toBe('madoguchi-kpi-2026-11-20-2026-11-25.csv');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toContain('total,abandonmentRate,0.285714,2,7,1,total');
    // Calls were taken by Agent/A, a PBX name no user is linked to; unassigned tickets are said in words.
    const agents = await page.getByTestId('kpi-agents').textContent();
    expect(agents).toContain('Agent/A');
    expect(agents).toContain('未割り当て');
    await page.getByRole('link', { name: '先週' }).click();
    await page.waitForURL(`${t.baseUrl}/kpi?week=2026-11-18`);
    expect(await page.title()).toContain('2026年11月16日(月) 〜 2026年11月22日(日)');
    await page.context().close();
  });

  it('publishes last month’s disclosure report and downloads it as a PDF', async () => {
    clock.set(at('2026-12-05T10:00:00'));
    const page = await signedInPage(browser, t.baseUrl, 'manager@example.jp', PASSWORD);
    await page.goto(`${t.baseUrl}/kpi/disclosure`);
    expect(await page.getByTestId('disclosure-state').textContent()).toContain('プレビュー');
    expect(await page.locator('[data-kpi="abandonmentRate"]').textContent()).toContain('2 / 7');
    await page.getByLabel('公開ページに掲載する').check();
    await page.getByRole('button', { name: 'この月のレポートを確定して公開' }).click();
    await page.getByRole('button', { name: '確定して公開する' }).click();
    await page.waitForURL(`${t.baseUrl}/kpi/disclosure?month=2026-11`);
    expect(await page.getByTestId('disclosure-state').textContent()).toContain('公開済み');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pdf-ja').click()]);
    expect(download.suggestedFilename()).toBe('madoguchi-kpi-2026-11-ja.pdf');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
    await page.goto(`${t.baseUrl}/disclosures`);
    expect(await page.getByTestId('disclosures').textContent()).toContain('2026-11');
    await page.context().close();
  });
});
