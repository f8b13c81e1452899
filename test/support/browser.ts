import { existsSync } from 'node:fs';

import { Browser, chromium, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const available = existsSync(CHROMIUM_PATH);
if (!available && process.env.REQUIRE_SERVICES === '1') {
  throw new Error(`REQUIRE_SERVICES=1 but no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
}
if (!available) console.warn(`NOTICE: skipping browser tests: no Chromium at ${CHROMIUM_PATH}`);

/** `describe` when Debian's Chromium is installed, `describe.skip` with a notice otherwise. */
export const describeWithBrowser = available ? describe : describe.skip;

/** Headless Chromium with the flags that work on our machines (no sandbox as root, no background traffic). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** A fresh browser context signed in through the real sign-in page (Japanese UI). */
export async function signedInPage(browser: Browser, baseUrl: string, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL(`${baseUrl}/`);
  return page;
}
