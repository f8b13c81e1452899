import { join } from 'node:path';

import type { Browser } from 'playwright-core';

import { SettableClock } from '@madoguchi/common';

import { Factories } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { openFeed } from '../support/pbx-import';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'wallboard passphrase 2026';
const PBX_FEED_TOKEN = 'wallboard-pbx-token-0123456789';
/** Tuesday 2026-12-01 09:00 Japan time. */
const BASE = Date.parse('2026-12-01T09:00:00+09:00') / 1000;
const line = (offset: number, rest: string) => `${BASE + offset}|${rest}\n`;

describeWithBrowser('the phone wallboard in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));

  beforeAll(async () => {
    t = await startTestApp({ PBX_FEED_TOKEN }, { clock });
    await (await Factories.for(t)).staff('agent', { email: 'agent@example.jp', name: '鈴木 一郎', password: PASSWORD });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the queue as it is now and follows a live feed without a reload', async () => {
    const feed = openFeed(t.baseUrl, `Bearer ${PBX_FEED_TOKEN}`);
    await feed.write(
      line(0, 'NONE|NONE|Agent/1|AGENTLOGIN|SIP/1') +
        line(0, 'NONE|NONE|Agent/2|AGENTLOGIN|SIP/2') +
        line(0, 'NONE|NONE|Agent/3|AGENTLOGIN|SIP/3') +
        line(60, 'NONE|support|Agent/3|PAUSE|lunch') +
        // A answered and done; B talking to Agent/2 since 09:58; C waiting since 09:59:00.
        line(600, 'A|support|NONE|ENTERQUEUE||0311112222|1') +
        line(610, 'A|support|Agent/1|CONNECT|10|x|1') +
        line(910, 'A|support|Agent/1|COMPLETECALLER|10|300|1') +
        line(3460, 'B|support|NONE|ENTERQUEUE||0322223333|1') +
        line(3480, 'B|support|Agent/2|CONNECT|20|x|1') +
        line(3540, 'C|support|NONE|ENTERQUEUE||0333334444|1'),
    );
    const page = await signedInPage(browser, t.baseUrl, 'agent@example.jp', PASSWORD);
    await page.goto(`${t.baseUrl}/phone`);
    await page.getByTestId('wallboard-link').click();
    await page.waitForURL(`${t.baseUrl}/phone/wallboard`);
    const field = (name: string) => page.locator(`[data-field="${name}"]`).textContent();
    expect(await field('waiting')).toBe('1');
    expect(await field('longestWait')).toBe('1:00');
    expect([await field('available'), await field('onCall'), await field('paused')]).toEqual(['1', '1', '1']);
    // Today: A and B answered (B from its CONNECT), C still waiting.
    expect([await field('offered'), await field('answered'), await field('serviceLevel')]).toEqual([
      '2',
      '2',
      '100.0%',
    ]);
    expect(await page.getByTestId('wallboard-agents').textContent()).toContain('通話中');

    // A new caller enters the queue and C gives up: the board follows within its refresh.
    await feed.write(
      line(3590, 'D|support|NONE|ENTERQUEUE||0344445555|1') + line(3595, 'C|support|NONE|ABANDON|1|1|55'),
    );
    await page.locator('[data-field="offered"]').getByText('3').waitFor({ timeout: 10_000 });
    expect(await field('waiting')).toBe('1');
    expect(await field('abandonmentRate')).toBe('33.3%');
    // One in three abandoned, against a target of at most 5 %: shown as missed.
    expect(await page.locator('[data-field="abandonmentRate"]').getAttribute('class')).toContain('bad');
    await page.screenshot({ path: join(t.config.DATA_DIR, 'wallboard.png'), fullPage: true });
    await feed.end();
    await page.context().close();
  });
});
