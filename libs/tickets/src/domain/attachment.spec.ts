import {
  contentDisposition,
  keptAttachments,
  MAX_ATTACHMENT_BYTES,
  safeFilename,
  servedContentType,
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
});
