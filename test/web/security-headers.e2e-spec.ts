import type { Browser } from 'playwright-core';

import { Factories, type Person } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

/** The policy's directives by name. */
function directives(policy: string | null): Record<string, string> {
  return Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(' ')[0]!, part.slice(part.indexOf(' ') + 1)]),
  );
}

describeWithBrowser('security headers and redirects that stay on the site', () => {
  let t: TestApp;
  let browser: Browser;
  let manager: Person;
  let ticket: { id: string; number: string };

  beforeAll(async () => {
    t = await startTestApp();
    const make = await Factories.for(t);
    manager = await make.staff('manager');
    ticket = await make.ticket(null, { subject: 'CSP の確認' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('pages run only their own files and the inline code marked with the response’s nonce', async () => {
    // The KPI page has inline scripts and data blocks.
    const asManager = { headers: { authorization: `Bearer ${manager.token}` } };
    const response = await fetch(`${t.baseUrl}/kpi`, asManager);
    expect(response.status).toBe(200);
    const policy = directives(response.headers.get('content-security-policy'));
    const nonce = (directive: string) => /'nonce-([0-9a-f]+)'/.exec(policy[directive] ?? '')?.[1];
    expect(nonce('script-src')).toMatch(/^[0-9a-f]{32}$/);
    expect(nonce('style-src')).toMatch(/^[0-9a-f]{32}$/);
    expect(policy).toMatchObject({
      'default-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'self'",
    });
    expect(policy['script-src']).not.toContain('unsafe-inline');
    expect(policy['style-src']).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    // PUBLIC_BASE_URL is http here: no HSTS, which a browser would remember for a plain-http site.
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const inlineIn = (html: string) =>
      [...html.matchAll(/<(script|style)\b([^>]*)>/g)].filter(
        ([, , attributes]) => !attributes!.includes('type="application/json"') && !/\bsrc=/.test(attributes!),
      );
    const inline = inlineIn(await response.text());
    expect(inline.map(([, tag]) => tag)).toContain('script');
    for (const [element, tag] of inline) expect(element).toContain(`nonce="${nonce(`${tag}-src`)}"`);
    // The public status page has no inline code at all (its script and style are files): its HTML
    // is the same for every anonymous reader, and kept.
    const statusPage = await (await fetch(`${t.baseUrl}/status`)).text();
    expect(inlineIn(statusPage)).toEqual([]);
    expect(statusPage).toMatch(/<script src="\/assets\/status\.js\?v=[\w-]{12}" defer><\/script>/);
    // The next response has nonces of its own.
    const again = (await fetch(`${t.baseUrl}/kpi`, asManager)).headers.get('content-security-policy');
    expect(again).not.toContain(nonce('script-src'));

    // The API answers carry the frame and sniffing protection too.
    const api = await fetch(`${t.baseUrl}/api/v1/support-hours`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(directives(api.headers.get('content-security-policy'))['frame-ancestors']).toBe("'none'");
  });

  it('the site’s stylesheet is one file every page links by its version, kept by browsers for good', async () => {
    const html = await (await fetch(`${t.baseUrl}/status`)).text();
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1];
    expect(href).toMatch(/^\/assets\/site\.css\?v=[\w-]{12}$/);
    const current = await fetch(`${t.baseUrl}${href}`);
    expect((await fetch(`${t.baseUrl}/assets/unknown.css`)).status).toBe(404);
    expect(current.status).toBe(200);
    expect(current.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(current.headers.get('content-encoding')).toBe('gzip');
    expect(await current.text()).toContain('--accent');
    // An address of an older release is answered with today's sheet, and not kept.
    const stale = await fetch(`${t.baseUrl}/assets/site.css?v=older`);
    expect(stale.headers.get('cache-control')).toBe('no-cache');
  });

  it('the pages with scripts of their own run them in Chromium without one policy violation', async () => {
    const page = await signedInPage(browser, t.baseUrl, manager.email, manager.password);
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(`${page.url()}: ${message.text()}`);
    });
    for (const path of [
      '/desk',
      '/kpi',
      '/phone/wallboard',
      '/phone/imports',
      `/desk/tickets/${ticket.id}`,
      '/status',
    ]) {
      await page.goto(`${t.baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      // The KPI page's inline script and Chart.js (a file of ours) both ran: the chart exists.
      if (path === '/kpi')
        expect(await page.evaluate(() => typeof (globalThis as { kpiChart?: unknown }).kpiChart)).toBe('object');
    }
    expect(refused).toEqual([]);
    await page.context().close();
  });

  it.each([
    '/\\evil.example',
    '/%5Cevil.example',
    '/%09/evil.example',
    '//evil.example',
    'https://evil.example/',
    '/%0d%0aSet-Cookie:%20x=1',
  ])('the language switch and the sign-in send next=%s to the start page, not off the site', async (next) => {
    const switched = await fetch(`${t.baseUrl}/lang/en?next=${next}`, { redirect: 'manual' });
    expect(switched.status).toBe(303);
    expect(switched.headers.get('location')).toBe('/');
    expect(switched.headers.get('set-cookie')).not.toContain('x=1');

    const signIn = await (await fetch(`${t.baseUrl}/login?next=${next}`)).text();
    expect(signIn).toContain('<input type="hidden" name="next" value="/">');
  });

  it('a same-site next is kept, resolved as a browser would', async () => {
    const switched = await fetch(`${t.baseUrl}/lang/en?next=${encodeURIComponent('/portal/../status?x=1')}`, {
      redirect: 'manual',
    });
    expect(switched.headers.get('location')).toBe('/status?x=1');
  });
});
