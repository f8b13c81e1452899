import type { Browser, Page } from 'playwright-core';

import { Factories, type Person } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** The forms, by area, that a person can send empty: the page, who opens it, and the form's action. */
const FORMS: Array<
  [area: string, path: (ids: Record<string, string>) => string, who: 'admin' | 'customer' | null, action: string]
> = [
  ['inquiry', () => '/inquiry', null, '/inquiry'],
  ['desk', (ids) => `/desk/tickets/${ids.ticket}`, 'admin', 'messages'],
  ['portal', (ids) => `/portal/tickets/${ids.ticket}`, 'customer', 'messages'],
  ['phone', () => '/phone', 'admin', '/phone/calls'],
  ['notices: incidents', () => '/incidents', 'admin', '/incidents'],
  ['notices: maintenance', () => '/maintenance', 'admin', '/maintenance'],
  ['admin: organizations', () => '/admin/organizations', 'admin', '/admin/organizations'],
  ['admin: users', () => '/admin/users', 'admin', '/admin/users'],
  ['admin: groups', () => '/groups', 'admin', '/groups'],
  ['admin: SLA policies', () => '/sla-policies', 'admin', '/sla-policies'],
  ['admin: calendars', () => '/calendars', 'admin', '/calendars'],
];

describeWithBrowser('every form sent empty answers in Japanese, one message per field, the summary focused', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Person;
  let customer: Person;
  const ids: Record<string, string> = {};
  const pages: Partial<Record<'admin' | 'customer', Page>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const make = await Factories.for(t);
    admin = await make.staff('admin');
    customer = await make.customer((await make.organization()).id);
    ids.ticket = (await make.ticket(customer)).id;
    browser = await launchBrowser();
    pages.admin = await signedInPage(browser, t.baseUrl, admin.email, admin.password);
    pages.customer = await signedInPage(browser, t.baseUrl, customer.email, customer.password);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each(FORMS)('%s', async (area, path, who, action) => {
    const page = who ? pages[who]! : await (await browser.newContext()).newPage();
    await page.goto(`${t.baseUrl}${path(ids)}`);
    // The first form whose action ends so (the ticket page's reply box comes before the note).
    const form = page.locator(`form[action$="${action}"]`).first();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      form.locator('button').last().click(),
    ]);
    expect(response.status()).toBe(400);

    const messages = await page.locator('.field-error').allTextContents();
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message).toMatch(JAPANESE);
      expect(message).not.toContain(' / ');
    }
    // Each message is listed in the summary, which has the focus and links to its field.
    const summary = page.getByTestId('error-summary');
    const focused = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { dataset: Record<string, string> } | null } }).document
          .activeElement?.dataset.testid,
    );
    expect(focused).toBe('error-summary');
    expect(await summary.locator('li').count()).toBe(messages.length);
    const invalid = await page.locator('[aria-invalid="true"]').count();
    expect(invalid).toBeGreaterThan(0);
    if (process.env.SCREENSHOT_DIR) {
      const name = area.replace(/[^a-z]+/gi, '-');
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/empty-${name}.png`, fullPage: true });
    }
    if (!who) await page.context().close();
  });
});
