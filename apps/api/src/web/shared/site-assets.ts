import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A static file of the site, read once, linked by an address that names its content's version. */
export interface SiteAsset {
  url: string;
  version: string;
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

function siteAsset(file: string, contentType: string): SiteAsset {
  const body = readFileSync(join(__dirname, 'assets', file));
  const version = createHash('sha256').update(body).digest('base64url').slice(0, 12);
  return { url: `/assets/${file}?v=${version}`, version, contentType, body, gzipped: gzipSync(body) };
}

/**
 * The site's own static files: browsers keep them for good, and a new release's pages link the new
 * versions. Pages carry no inline style of their own beyond a few rules, and the public status page
 * no inline code at all, so that its HTML can be the same for every anonymous reader.
 */
export const SITE_ASSETS = {
  'site.css': siteAsset('site.css', 'text/css; charset=utf-8'),
  'status.js': siteAsset('status.js', 'text/javascript; charset=utf-8'),
} as const;

export type SiteAssetName = keyof typeof SITE_ASSETS;
