import { existsSync } from 'node:fs';

import PDFDocument from 'pdfkit';

import { type DisclosureSnapshot, percent, PUBLISHED_KPIS } from '../domain/disclosure';
import { disclosureText } from '../domain/disclosure-text';

/** Where Debian's Japanese fonts live; the first one present is used when PDF_FONT_PATH is unset. */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf',
  '/usr/share/fonts/truetype/fonts-japanese-gothic.ttf',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
];

export function findJapaneseFont(configured?: string): string | null {
  if (configured) return existsSync(configured) ? configured : null;
  return FONT_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * The report as an A4 PDF. Deterministic: the same snapshot, language, font and date give the same
 * bytes (the document's creation date is the publication time, not "now").
 */
export function renderDisclosurePdf(
  snapshot: DisclosureSnapshot,
  language: 'ja' | 'en',
  fontPath: string,
  createdAt: Date,
): Promise<Buffer> {
  const text = disclosureText(language);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: text.title(snapshot.month), Producer: 'Madoguchi', Creator: 'Madoguchi', CreationDate: createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fontPath);
  doc.font('body');
  doc.fontSize(18).text(text.title(snapshot.month));
  doc.moveDown(0.5).fontSize(10);
  doc.text(`${text.period}: ${snapshot.from} – ${snapshot.to} (${snapshot.timeZone})`);
  doc.text(`${text.definitionVersion}: ${snapshot.definitionVersion}`);
  for (const name of PUBLISHED_KPIS) {
    const figure = snapshot.kpis[name];
    const target = snapshot.definition.targets[name];
    doc.moveDown(0.8).fontSize(13).text(text.name[name]);
    doc.fontSize(10);
    doc.text(
      `${text.value}: ${percent(figure)}    ${text.fraction}: ${figure?.numerator ?? 0} / ${figure?.denominator ?? 0}    ${text.target}: ${name === 'abandonmentRate' ? '≤' : '≥'} ${(target * 100).toFixed(1)}%`,
    );
    doc.fillColor('#444').text(text.definition(name, snapshot.definition)).fillColor('black');
  }
  doc.moveDown(0.5).text(text.calls(snapshot.calls));
  doc.moveDown(0.8).fontSize(13).text(text.supportHours);
  doc.fontSize(10).text(snapshot.supportHours.weekly[language]);
  doc.text(text.openDays(snapshot.supportHours.openDays, snapshot.supportHours.openHours));
  doc.text(`${text.closedWeekdays}: ${snapshot.supportHours.closedWeekdays.join(', ') || text.none}`);
  doc.moveDown(0.8).fontSize(13).text(text.incidents);
  doc
    .fontSize(10)
    .text(
      snapshot.incidentNotices.denominator === 0
        ? text.noIncidents
        : `${percent(snapshot.incidentNotices)} (${snapshot.incidentNotices.numerator} / ${snapshot.incidentNotices.denominator})`,
    );
  doc.end();
  return done;
}
