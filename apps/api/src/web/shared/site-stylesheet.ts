import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const body = readFileSync(join(__dirname, 'assets', 'site.css'));
const version = createHash('sha256').update(body).digest('base64url').slice(0, 12);

/**
 * The site's stylesheet, read once: pages link it by an address that names its content's version,
 * so browsers keep it for good and a new release's pages fetch the new one. Pages carry only
 * their own few rules inline.
 */
export const SITE_STYLESHEET = {
  url: `/assets/site.css?v=${version}`,
  version,
  body,
  gzipped: gzipSync(body),
} as const;
