import { promisify } from 'node:util';
import { constants, crc32, deflateRaw as deflateRawCallback, deflateRawSync } from 'node:zlib';

const deflateRaw = promisify(deflateRawCallback);

/** The gzip member header: deflate, no name or time, unknown OS (RFC 1952 §2.3). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * Part of a page that many responses share word for word (the status page's content, the same for
 * every reader of a language until the status changes), kept ready to send: its bytes, and those
 * deflated once. A page's model holds it; the template writes its `placeholder`, and the page
 * responder puts the part back — deflated as it is, between the page's own frame deflated per
 * response, when the browser takes gzip. So a response costs its frame, not the whole page.
 */
export class PreparedHtml {
  /** Written by the template where the part goes: no page text contains it. */
  static readonly PLACEHOLDER = '\u0000prepared-html\u0000';
  readonly placeholder = PreparedHtml.PLACEHOLDER;

  private constructor(
    readonly html: string,
    readonly bytes: Buffer,
    /** Raw deflate blocks ending in a sync flush: byte-aligned, not final, referring to nothing before them. */
    readonly deflated: Buffer,
    /**
     * Names what the part was made from (the status snapshot's ETag): a page holding it whose frame
     * knows no viewer and no nonce is the same for every anonymous reader, and kept whole.
     */
    readonly shareKey?: string,
  ) {}

  static async of(html: string, shareKey?: string): Promise<PreparedHtml> {
    const bytes = Buffer.from(html);
    return new PreparedHtml(html, bytes, await deflateRaw(bytes, { finishFlush: constants.Z_SYNC_FLUSH }), shareKey);
  }

  /** The page `framed` (rendered with the placeholder) as text. */
  within(framed: string): string {
    const [head, tail] = this.split(framed);
    return head + this.html + tail;
  }

  /**
   * The page `framed` as one gzip member: the frame's head deflated up to a sync flush, the kept
   * blocks, the tail deflated to the end. A deflate stream may be cut at any sync flush and go on
   * with blocks compressed apart, as long as those never refer back past their own start.
   */
  gzippedWithin(framed: string): Buffer {
    const [head, tail] = this.split(framed).map((text) => Buffer.from(text)) as [Buffer, Buffer];
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc32(tail, crc32(this.bytes, crc32(head))) >>> 0, 0);
    trailer.writeUInt32LE((head.length + this.bytes.length + tail.length) % 2 ** 32, 4);
    return Buffer.concat([
      GZIP_HEADER,
      deflateRawSync(head, { finishFlush: constants.Z_SYNC_FLUSH }),
      this.deflated,
      deflateRawSync(tail),
      trailer,
    ]);
  }

  private split(framed: string): [string, string] {
    const at = framed.indexOf(PreparedHtml.PLACEHOLDER);
    if (at < 0 || framed.indexOf(PreparedHtml.PLACEHOLDER, at + 1) >= 0)
      throw new Error('A page holding prepared HTML must write its placeholder exactly once.');
    return [framed.slice(0, at), framed.slice(at + PreparedHtml.PLACEHOLDER.length)];
  }
}
