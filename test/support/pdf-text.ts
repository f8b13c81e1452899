import { execFileSync, spawnSync } from 'node:child_process';

/** pdftotext from Debian's poppler-utils reads PDFs as a reader's copy-paste would. */
const available = spawnSync('pdftotext', ['-v']).status === 0;
if (!available && process.env.REQUIRE_SERVICES === '1')
  throw new Error('REQUIRE_SERVICES=1 but pdftotext is missing (apt-get install poppler-utils)');
if (!available) console.warn('NOTICE: skipping PDF text checks: no pdftotext (apt-get install poppler-utils)');

/** `it` when pdftotext is installed, `it.skip` with a notice otherwise. */
export const itWithPdfText = available ? it : it.skip;

/** The text of a PDF, page by page in reading order. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}
