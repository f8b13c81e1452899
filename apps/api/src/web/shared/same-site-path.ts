/** Any origin of ours would do: only what a browser makes of the path relative to it matters. */
const OWN_ORIGIN = 'http://same-site.invalid';

/**
 * Only same-site paths may be redirected to after a form (sign-in's `next`, the language switch's).
 * The path is resolved as a browser would resolve it (`/\evil`, `/%09/evil` and `//evil` all leave the
 * site); anything that lands elsewhere, or holds control characters, goes to `/`. What comes back is
 * the resolved path, so the Location header carries nothing the check did not see.
 */
export function safeNext(next: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  let resolved: URL;
  try {
    resolved = new URL(next, OWN_ORIGIN);
  } catch {
    return '/';
  }
  if (resolved.origin !== OWN_ORIGIN) return '/';
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return path.startsWith('//') ? '/' : path;
}
