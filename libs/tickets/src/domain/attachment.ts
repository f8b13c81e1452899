/** A file as received, before it is stored. */
export interface AttachmentFile {
  /** Chosen before writing when the answer must name the stored file; otherwise given on insert. */
  id?: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

export const MAX_ATTACHMENTS_PER_MESSAGE = 20;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Most bytes of files one reply e-mail carries. Mail servers commonly refuse messages over 20–25 MB,
 * and base64 adds a third: files past this stay in the portal, and the mail names them.
 */
export const REPLY_MAIL_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Which of a reply's files travel with its e-mail (in order, while they fit) and which stay in the portal. */
export function mailedAttachments<T extends { size: number }>(
  files: readonly T[],
  budget = REPLY_MAIL_ATTACHMENT_BYTES,
): { attached: T[]; portalOnly: T[] } {
  const attached: T[] = [];
  const portalOnly: T[] = [];
  let used = 0;
  for (const file of files) {
    if (used + file.size <= budget) {
      attached.push(file);
      used += file.size;
    } else portalOnly.push(file);
  }
  return { attached, portalOnly };
}

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

/** A file as a web form or API client sent it: `content` null when it was over the size limit. */
export interface UploadedFile {
  /** The form field it came in (files belong in `files`). */
  field: string;
  filename: string;
  content: Buffer | null;
}

export const UPLOAD_FIELD = 'files';

const startsWith = (content: Buffer, bytes: number[] | string, at = 0) => {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return content.length >= at + expected.length && content.subarray(at, at + expected.length).equals(expected);
};

/** Text a person wrote: UTF-8 (or Shift_JIS, which has no NUL either) without binary control bytes. */
function isText(content: Buffer): boolean {
  const sample = content.subarray(0, 64 * 1024);
  // eslint-disable-next-line no-control-regex
  return !/[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]/.test(sample.toString('latin1'));
}

/** Office Open XML is a ZIP whose parts say which application wrote it. */
function zipType(content: Buffer): string {
  const head = content.subarray(0, 64 * 1024).toString('latin1');
  if (head.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (head.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (head.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  return 'application/zip';
}

/**
 * The type a file's bytes show, or null for one we do not take (programs, unknown binaries). The
 * name only tells CSV from other text: a renamed `.exe` is still refused, a `.png` of text is text.
 */
export function sniffContentType(content: Buffer, filename: string): string | null {
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(content, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(content, 'GIF87a') || startsWith(content, 'GIF89a')) return 'image/gif';
  if (startsWith(content, 'RIFF') && startsWith(content, 'WEBP', 8)) return 'image/webp';
  if (startsWith(content, '%PDF-')) return 'application/pdf';
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) return zipType(content);
  // Word, Excel and PowerPoint before 2007 (OLE compound files).
  if (startsWith(content, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'application/x-ole-storage';
  if (isText(content)) return /\.csv$/i.test(filename) ? 'text/csv' : 'text/plain';
  return null;
}

/** Why a file was refused: a `validation.attachment.<reason>` message says it in the reader's language. */
export const UPLOAD_REFUSALS = ['type', 'too-large', 'empty', 'too-many', 'field'] as const;
export type UploadRefusal = (typeof UPLOAD_REFUSALS)[number];

/**
 * The files of one message, checked as a whole: all of them, typed by their content, or every
 * refusal (one per file) so that nothing is half-written. Limits as for inbound mail.
 */
export function checkedUploads(
  uploads: readonly UploadedFile[],
):
  | { files: AttachmentFile[]; refused: [] }
  | { files: []; refused: Array<{ filename: string; reason: UploadRefusal }> } {
  const refused: Array<{ filename: string; reason: UploadRefusal }> = [];
  if (uploads.length > MAX_ATTACHMENTS_PER_MESSAGE) refused.push({ filename: '', reason: 'too-many' });
  const files: AttachmentFile[] = [];
  for (const upload of uploads) {
    const filename = safeFilename(upload.filename);
    const contentType = upload.content && upload.content.length > 0 ? sniffContentType(upload.content, filename) : null;
    if (upload.field !== UPLOAD_FIELD) refused.push({ filename, reason: 'field' });
    else if (upload.content === null || upload.content.length > MAX_ATTACHMENT_BYTES)
      refused.push({ filename, reason: 'too-large' });
    else if (upload.content.length === 0) refused.push({ filename, reason: 'empty' });
    else if (!contentType) refused.push({ filename, reason: 'type' });
    else files.push({ filename, contentType, content: upload.content });
  }
  return refused.length > 0 ? { files: [], refused } : { files, refused: [] };
}
