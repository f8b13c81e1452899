import {
  checkedUploads,
  contentDisposition,
  keptAttachments,
  mailedAttachments,
  MAX_ATTACHMENT_BYTES,
  safeFilename,
  servedContentType,
  sniffContentType,
} from './attachment';

describe('attachments', () => {
  it('keeps 20 files of at most 10 MB, with clean names and types', () => {
    const file = (name: string, bytes = 10, contentType = 'image/png') => ({
      filename: name,
      contentType,
      content: Buffer.alloc(bytes),
    });
    const { kept, dropped } = keptAttachments([
      file('../../etc/passwd', 10, 'text/plain'),
      file('huge.bin', MAX_ATTACHMENT_BYTES + 1),
      file('odd', 10, 'not a type'),
      ...Array.from({ length: 25 }, (_, index) => file(`画面${index}.png`)),
    ]);
    expect(kept).toHaveLength(20);
    expect(dropped).toBe(8);
    expect(kept[0]).toMatchObject({ filename: 'passwd', contentType: 'text/plain' });
    expect(kept[1]).toMatchObject({ filename: 'odd', contentType: 'application/octet-stream' });
    expect(safeFilename('a\r\nb.txt')).toBe('ab.txt');
    expect(safeFilename('')).toBe('attachment');
    expect(safeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFilename('\u2067evil\u2069.pdf\ud800')).toBe('evil.pdf\ufffd');
  });

  it('serves only harmless types as themselves, and always as a download', () => {
    expect(servedContentType('image/png')).toBe('image/png');
    expect(servedContentType('text/html')).toBe('application/octet-stream');
    expect(servedContentType('image/svg+xml')).toBe('application/octet-stream');
    expect(contentDisposition('画面 "1".png')).toBe(
      `attachment; filename="__ _1_.png"; filename*=UTF-8''${encodeURIComponent('画面 "1".png')}`,
    );
  });

  it('types a file by its bytes; the name only tells CSV from other text', () => {
    const bytes = (...values: number[]) => Buffer.concat([Buffer.from(values), Buffer.alloc(16)]);
    expect(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'a.txt')).toBe('image/png');
    expect(sniffContentType(bytes(0xff, 0xd8, 0xff, 0xe0), 'a')).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from('GIF89a......'), 'a')).toBe('image/gif');
    expect(sniffContentType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), 'a')).toBe('image/webp');
    expect(sniffContentType(Buffer.from('%PDF-1.7\n'), 'a.png')).toBe('application/pdf');
    const zip = (name: string) =>
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name)]);
    expect(sniffContentType(zip('word/document.xml'), 'a.zip')).toMatch(/wordprocessingml/);
    expect(sniffContentType(zip('xl/workbook.xml'), 'a')).toMatch(/spreadsheetml/);
    expect(sniffContentType(zip('logs/app.log'), 'a')).toBe('application/zip');
    expect(sniffContentType(Buffer.from('番号,件名\n'), '一覧.CSV')).toBe('text/csv');
    expect(sniffContentType(Buffer.from('こんにちは\r\n\tタブ'), 'a.png')).toBe('text/plain');
    // Shift_JIS text has no NUL or control bytes either.
    expect(sniffContentType(Buffer.from([0x82, 0xb1, 0x82, 0xf1, 0x0a]), 'sjis.txt')).toBe('text/plain');
    expect(sniffContentType(Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), 'invoice.pdf')).toBeNull();
    expect(sniffContentType(Buffer.from('\x7fELF\x02\x01', 'latin1'), 'a.txt')).toBeNull();
  });

  it('checks a message’s files as a whole: every refusal, or every file', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const upload = (filename: string, content: Buffer | null, field = 'files') => ({ field, filename, content });
    expect(checkedUploads([upload('../画面.png', png)])).toEqual({
      files: [{ filename: '画面.png', contentType: 'image/png', content: png }],
      refused: [],
    });
    expect(
      checkedUploads([
        upload('a.png', png),
        upload('big.png', null),
        upload('e.txt', Buffer.alloc(0)),
        upload('x', png, 'other'),
      ]),
    ).toEqual({
      files: [],
      refused: [
        { filename: 'big.png', reason: 'too-large' },
        { filename: 'e.txt', reason: 'empty' },
        { filename: 'x', reason: 'field' },
      ],
    });
    expect(checkedUploads(Array.from({ length: 21 }, (_, n) => upload(`${n}.png`, png))).refused).toEqual([
      { filename: '', reason: 'too-many' },
    ]);
  });
});

describe('mailedAttachments', () => {
  const file = (name: string, megabytes: number) => ({ name, size: megabytes * 1024 * 1024 });

  it('attaches files in order while they fit in 10 MB and leaves the rest to the portal', () => {
    const { attached, portalOnly } = mailedAttachments([file('a', 4), file('b', 7), file('c', 5), file('d', 0.5)]);
    expect(attached.map((f) => f.name)).toEqual(['a', 'c', 'd']);
    expect(portalOnly.map((f) => f.name)).toEqual(['b']);
  });

  it('attaches a file of exactly the budget, and nothing past it', () => {
    expect(mailedAttachments([file('whole', 10), file('more', 0.001)])).toEqual({
      attached: [file('whole', 10)],
      portalOnly: [file('more', 0.001)],
    });
  });
});
