import { safeNext } from './same-site-path';

describe('safeNext', () => {
  it.each([
    ['/desk', '/desk'],
    ['/desk/tickets?status=open#top', '/desk/tickets?status=open#top'],
    ['/portal/../desk', '/desk'],
  ])('keeps the same-site path %s', (next, kept) => {
    expect(safeNext(next)).toBe(kept);
  });

  it.each([
    undefined,
    '',
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/desk\r\nSet-Cookie: x=1',
    'javascript:alert(1)',
  ])('sends %p to the start page', (next) => {
    expect(safeNext(next)).toBe('/');
  });
});
