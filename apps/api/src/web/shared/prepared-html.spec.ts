import { gunzipSync } from 'node:zlib';

import { PreparedHtml } from './prepared-html';

describe('PreparedHtml', () => {
  const part = '<ol>' + '<li class="day">2026年11月26日(木): 停止 · 稼働率 97.91%</li>'.repeat(500) + '</ol>';
  const framed = `<html><head><style nonce="a1">b{}</style></head><body>稼働状況${PreparedHtml.PLACEHOLDER}<script nonce="c2"></script></body></html>`;

  it('puts the part back in place of the placeholder', async () => {
    const prepared = await PreparedHtml.of(part);
    expect(prepared.within(framed)).toBe(framed.replace(PreparedHtml.PLACEHOLDER, part));
  });

  it('gzips the page from its frame and the part deflated once: one valid member, the same text', async () => {
    const prepared = await PreparedHtml.of(part);
    const gzipped = prepared.gzippedWithin(framed);
    expect(gunzipSync(gzipped).toString()).toBe(framed.replace(PreparedHtml.PLACEHOLDER, part));
    // The repeated part compresses: the answer is a small fraction of the page.
    expect(gzipped.length).toBeLessThan(Buffer.byteLength(part) / 20);
    // A frame that repeats the part's words may not lean on them across the cut: still exact.
    const echoing = `${part}${PreparedHtml.PLACEHOLDER}${part}`;
    expect(gunzipSync(prepared.gzippedWithin(echoing)).toString()).toBe(part.repeat(3));
  });

  it('refuses a frame without the placeholder, or with it twice', async () => {
    const prepared = await PreparedHtml.of(part);
    expect(() => prepared.within('<p>no place</p>')).toThrow(/exactly once/);
    expect(() => prepared.gzippedWithin(PreparedHtml.PLACEHOLDER.repeat(2))).toThrow(/exactly once/);
  });
});
