import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import type { ApiClient } from '../support/api-client';
import { itWithPdfText, pdfText } from '../support/pdf-text';
import { startTestApp, TestApp } from '../support/test-app';
import { at, buildWeek, PASSWORD } from './kpi-week';

const ratio = (numerator: number, denominator: number) => ({
  value: Number((numerator / denominator).toFixed(6)),
  numerator,
  denominator,
});

describe('monthly disclosure report', () => {
  let t: TestApp;
  let manager: ApiClient;
  const clock = new SettableClock(at('2026-12-05T10:00:00'));

  let token: string;
  /** A PDF as the manager downloads it. */
  const pdf = async (path: string) => {
    const response = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ COMPANY_NAME: '株式会社さくらクラウド' }, { clock });
    const make = await Factories.for(t);
    for (const role of ['manager', 'agent'] as const)
      await make.staff(role, { email: `${role}@example.jp`, name: role, password: PASSWORD });
    token = await t.api.login('manager@example.jp', PASSWORD);
    manager = t.api.as(token);
    await buildWeek(t);
    // A 45-minute major outage of the console on 20 November, published at once: the month's availability.
    const console = (await manager.post('/api/v1/services', { name: '管理コンソール', nameEn: 'Admin console' })).json
      .id;
    clock.set(at('2026-11-20T03:10:00'));
    const incident = await manager.post('/api/v1/incidents', {
      title: '管理コンソールに接続できない',
      serviceIds: [console],
      impact: 'major-outage',
      status: 'investigating',
      message: { ja: '調査中です。' },
      detectedAt: '2026-11-20T03:00:00+09:00',
    });
    clock.set(at('2026-11-20T03:45:00'));
    await manager.post(`/api/v1/incidents/${incident.json.id}/updates`, {
      status: 'resolved',
      message: { ja: '復旧しました。' },
    });
    clock.set(at('2026-12-05T10:00:00'));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('previews November with its four KPIs, their definitions and the month’s support hours', async () => {
    const preview = (await manager.get('/api/v1/kpi/disclosures/2026-11')).json;
    expect(preview).toMatchObject({
      published: false,
      month: '2026-11',
      from: '2026-11-01T00:00:00+09:00',
      to: '2026-12-01T00:00:00+09:00',
      definitionVersion: 1,
      kpis: {
        // Agents were available 9.5 h of the month's 19 open days x 7 h.
        supportOperatingRate: ratio(9.5 * 3600, 133 * 3600),
        abandonmentRate: ratio(2, 7),
        // Phone 2/7, web 4/6 (T4 fell due on the 25th unanswered), e-mail 0/1.
        responseTimeComplianceRate: ratio(6, 14),
        completionWithinStandardTimeRate: ratio(3, 4),
      },
      supportHours: {
        weekly: { ja: '月–金 09:00–12:00, 13:00–17:00（祝日を除く）' },
        openDays: 19,
        openHours: 133,
        closedWeekdays: ['2026-11-03', '2026-11-23'],
      },
      // Published 10 minutes after detection.
      incidentNotices: ratio(1, 1),
      // 30 days provided, 45 minutes down.
      serviceAvailability: {
        total: ratio(30 * 86_400 - 2700, 30 * 86_400),
        services: [{ name: '管理コンソール', nameEn: 'Admin console', figure: ratio(30 * 86_400 - 2700, 30 * 86_400) }],
      },
    });
  });

  itWithPdfText(
    'writes both PDFs as people read them: company, period in words, targets, met or missed, no missing glyph',
    async () => {
      const jaPdf = (await pdf('/api/v1/kpi/disclosures/2026-11/pdf?lang=ja')).bytes;
      // For a reader's look at the page (pdftoppm it): SCREENSHOT_DIR=… npm test -- test/kpi/disclosure.
      if (process.env.SCREENSHOT_DIR) await writeFile(join(process.env.SCREENSHOT_DIR, 'disclosure-ja.pdf'), jaPdf);
      const ja = pdfText(jaPdf).replace(/\s+/g, ' ');
      expect(ja).toContain('株式会社さくらクラウド');
      expect(ja).toContain('対象期間: 2026年11月1日〜30日（日本時間）');
      // Operating 9.5 / 133 h against 90 %: missed; abandonment 2 / 7 against at most 5 %: missed.
      expect(ja).toContain('サポート稼働率（未達）');
      expect(ja).toContain('休業した平日: 11月3日, 11月23日');
      expect(ja).toContain('分子 / 分母: 34200 / 478800');
      expect(ja).toMatch(/目標: \d+\.\d% 以上/);
      expect(ja).toMatch(/放棄呼率（未達） .* 目標: \d+\.\d% 以下/);
      // The short-abandon threshold is 0 s: the definition says nothing about short abandons.
      expect(ja).not.toContain('短時間放棄');
      // 2,589,300 of 2,592,000 s: 99.8958 %, printed floored.
      expect(ja).toContain('サービス稼働率（達成）');
      expect(ja).toContain('実績: 99.89% 稼働 719.3 時間 / 提供 720.0 時間 目標: 99.50% 以上');
      expect(ja).toContain('サービス別: 管理コンソール 99.89%');
      expect(ja).toContain('「一部停止」は 0.5 倍の時間を停止とし、緊急メンテナンスは停止に含め');
      expect(ja).not.toMatch(/[☒?�]/);
      const en = pdfText((await pdf('/api/v1/kpi/disclosures/2026-11/pdf?lang=en')).bytes).replace(/\s+/g, ' ');
      expect(en).toContain('Support KPI disclosure report, November 2026');
      expect(en).toContain('Period: 1–30 November 2026 (Japan time)');
      expect(en).toMatch(/Target: at least \d+\.\d%/);
      expect(en).toMatch(/Call abandonment rate \((Met|Missed)\)/);
      expect(en).not.toContain('short abandons');
      expect(en).toContain('Service availability (Met)');
      expect(en).toContain('719.3 h available of 720.0 h provided Target: at least 99.50%');
      expect(en).toContain('By service: Admin console 99.89%');
      expect(en).not.toMatch(/[☒?�]/);
      const page = await manager.get('/kpi/disclosure?month=2026-11');
      expect(page.text).toContain('2026年11月1日〜30日');
      expect(page.text).toContain('株式会社さくらクラウド');
      expect(page.text).toContain('サービス別: 管理コンソール 99.89%');
    },
  );

  it('publishes once, and the frozen report and PDFs stay byte for byte the same after the targets change', async () => {
    expect((await manager.post('/api/v1/kpi/disclosures', { month: '2026-12', public: true })).status).toBe(422);
    const published = await manager.post('/api/v1/kpi/disclosures', { month: '2026-11', public: true });
    expect(published.status).toBe(201);
    expect((await manager.post('/api/v1/kpi/disclosures', { month: '2026-11' })).status).toBe(409);

    const before = {
      ja: await pdf('/api/v1/kpi/disclosures/2026-11/pdf?lang=ja'),
      en: await pdf('/api/v1/kpi/disclosures/2026-11/pdf?lang=en'),
    };
    expect(before.ja.type).toBe('application/pdf');
    expect(before.ja.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(before.en.bytes.equals(before.ja.bytes)).toBe(false);
    const frozen = (await manager.get('/api/v1/kpi/disclosures/2026-11')).json;

    expect(
      (await manager.post('/api/v1/kpi/definitions', { answerTargetSeconds: 60, targets: { abandonmentRate: 0.1 } }))
        .status,
    ).toBe(201);
    // A refused definition says what is wrong field by field, in the reader's language, and adds no version.
    const refused = await manager.request(
      'POST',
      '/api/v1/kpi/definitions',
      { answerTargetSeconds: -1, abandonedOutcomes: [], targets: { abandonmentRate: 1.5 } },
      { 'accept-language': 'ja' },
    );
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([
      { field: 'answerTargetSeconds', messages: ['0 以上にしてください。'] },
      { field: 'abandonedOutcomes', messages: ['1 件以上選んでください。'] },
      { field: 'targets.abandonmentRate', messages: ['1 以下にしてください。'] },
    ]);
    expect((await manager.get('/api/v1/kpi/definitions')).json.items).toHaveLength(2);
    clock.set(at('2027-01-10T10:00:00'));
    expect((await manager.get('/api/v1/kpi/disclosures/2026-11')).json).toEqual(frozen);
    expect((await pdf('/api/v1/kpi/disclosures/2026-11/pdf?lang=ja')).bytes.equals(before.ja.bytes)).toBe(true);
    expect((await pdf('/api/v1/kpi/disclosures/2026-11/pdf?lang=en')).bytes.equals(before.en.bytes)).toBe(true);
    // The live figures use the new definition; the published ones keep version 1.
    expect(
      (await manager.get('/api/v1/kpi?from=2026-11-01T00:00:00%2B09:00&to=2026-12-01T00:00:00%2B09:00')).json
        .definitionVersion,
    ).toBe(2);
    expect(frozen.definitionVersion).toBe(1);
  });

  it('shows public reports to anyone, and hides them when the manager says so', async () => {
    const listed = (await t.api.get('/api/v1/public/disclosures')).json.items;
    expect(listed.map((r: { month: string }) => r.month)).toEqual(['2026-11']);
    const publicPdf = await fetch(`${t.baseUrl}/api/v1/public/disclosures/2026-11/pdf?lang=ja`);
    expect(publicPdf.status).toBe(200);
    expect((await t.api.get('/disclosures')).text).toContain('28.6%');
    expect((await manager.patch('/api/v1/kpi/disclosures/2026-11', { public: false })).status).toBe(204);
    expect((await t.api.get('/api/v1/public/disclosures')).json.items).toEqual([]);
    expect((await fetch(`${t.baseUrl}/api/v1/public/disclosures/2026-11/pdf`)).status).toBe(404);
    const agent = t.api.as(await t.api.login('agent@example.jp', PASSWORD));
    expect((await agent.get('/api/v1/kpi/disclosures/2026-11')).status).toBe(403);
  });
});
