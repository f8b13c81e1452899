/** A file as received, before it is stored. */
export interface AttachmentFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export const MAX_ATTACHMENTS_PER_MESSAGE = 20;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Kept: the first 20 files of at most 10 MB each (what is dropped is counted for the log). */
export function keptAttachments(files: readonly AttachmentFile[]): { kept: AttachmentFile[]; dropped: number } {
  const small = files.filter((file) => file.content.length <= MAX_ATTACHMENT_BYTES);
  const kept = small.slice(0, MAX_ATTACHMENTS_PER_MESSAGE).map((file) => ({
    ...file,
    filename: safeFilename(file.filename),
    contentType: /^[\w.+-]+\/[\w.+-]+$/.test(file.contentType)
      ? file.contentType.toLowerCase()
      : 'application/octet-stream',
  }));
  return { kept, dropped: files.length - kept.length };
}

/**
 * A name that is only a name: no path, no control characters, no bidirectional overrides (which make
 * `invoice\u202Efdp.exe` read as `invoiceexe.pdf`), no broken UTF-16, at most 255 characters, never empty.
 */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .toWellFormed()
    .trim();
  return (clean || 'attachment').slice(0, 255);
}

/** Types a browser may show inline without running anything; everything else downloads as bytes. */
const INLINE_SAFE = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain)$/;

export function servedContentType(stored: string): string {
  return INLINE_SAFE.test(stored) ? stored : 'application/octet-stream';
}

/** RFC 6266 / RFC 5987: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
