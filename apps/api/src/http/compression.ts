import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

/** Compresses in libuv's thread pool: the event loop goes on serving meanwhile. */
export const gzip = promisify(gzipCallback);

/** Bodies shorter than this (in characters) go as they are: compressing them saves less than it costs. */
export const COMPRESS_FROM_CHARS = 8 * 1024;

/** Whether an `Accept-Encoding` header takes gzip (named, or `*`, and not refused with `q=0`). */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  let accepted = false;
  for (const part of header.toLowerCase().split(',')) {
    const [coding = '', ...parameters] = part.trim().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') continue;
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (coding.trim() === 'gzip') return !(q && Number(q.slice(2)) === 0);
    accepted = !(q && Number(q.slice(2)) === 0);
  }
  return accepted;
}
