import { existsSync } from 'node:fs';

import PDFDocument from 'pdfkit';

import {
  availabilityPercent,
  type DisclosureSnapshot,
  metAvailabilityTarget,
  metTarget,
  percent,
  PUBLISHED_KPIS,
} from '../domain/disclosure';
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
  // A character the font lacks would print as a box (☒): every string goes through `inFont`, which
  // asks the embedded font (pdfkit's fontkit face) and writes '?' for what it cannot draw.
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?(codePoint: number): boolean } } })._font
    ?.font;
  if (!font?.hasGlyphForCodePoint) throw new Error('pdfkit no longer exposes the embedded font: update inFont');
  const inFont = (value: string) =>
    [...value]
      .map((char) => (/\s/.test(char) || font.hasGlyphForCodePoint!(char.codePointAt(0)!) ? char : '?'))
      .join('');
  const write = (value: string) => doc.text(inFont(value));
  const verdictOf = (met: boolean | null) =>
    met === null ? text.verdict.none : met ? text.verdict.met : text.verdict.missed;
  if (snapshot.companyName) doc.fontSize(11).fillColor('#444').text(inFont(snapshot.companyName)).fillColor('black');
  doc.fontSize(18);
  write(text.title(snapshot.month));
  doc.moveDown(0.5).fontSize(10);
  write(`${text.period}: ${text.periodOf(snapshot.month, snapshot.timeZone)}`);
  write(`${text.definitionVersion}: ${snapshot.definitionVersion}`);
  for (const name of PUBLISHED_KPIS) {
    const figure = snapshot.kpis[name];
    const target = snapshot.definition.targets[name];
    const met = metTarget(name, figure, target);
    doc.moveDown(0.8).fontSize(13);
    write(text.headingOf(text.name[name], verdictOf(met)));
    doc.fontSize(10);
    write(
      `${text.value}: ${percent(figure)}    ${text.fraction}: ${figure?.numerator ?? 0} / ${figure?.denominator ?? 0}    ${text.target}: ${text.targetOf(name, target)}`,
    );
    doc.fillColor('#444');
    write(text.definition(name, snapshot.definition));
    doc.fillColor('black');
  }
  doc.moveDown(0.5);
  write(text.calls(snapshot.calls));
  // Beside the four KPIs (and their calls), the service's availability, as the disclosure states it.
  const availability = snapshot.serviceAvailability;
  if (availability) {
    const target = snapshot.definition.targets.serviceAvailability;
    const met = metAvailabilityTarget(availability.total, target);
    doc.moveDown(0.8).fontSize(13);
    write(text.headingOf(text.availability, verdictOf(met)));
    doc.fontSize(10);
    write(
      `${text.value}: ${availabilityPercent(availability.total)}    ${text.availabilityHours(availability.total.numerator, availability.total.denominator)}    ${text.target}: ${text.availabilityTarget(target)}`,
    );
    write(
      `${text.perService}: ${availability.services.map((service) => `${language === 'en' && service.nameEn ? service.nameEn : service.name} ${availabilityPercent(service.figure)}`).join(', ') || text.none}`,
    );
    doc.fillColor('#444');
    write(text.availabilityDefinition(snapshot.definition));
    doc.fillColor('black');
  }
  doc.moveDown(0.8).fontSize(13);
  write(text.supportHours);
  doc.fontSize(10);
  write(snapshot.supportHours.weekly[language]);
  write(text.openDays(snapshot.supportHours.openDays, snapshot.supportHours.openHours));
  write(`${text.closedWeekdays}: ${snapshot.supportHours.closedWeekdays.map(text.dayOf).join(', ') || text.none}`);
  doc.moveDown(0.8).fontSize(13);
  write(text.incidents);
  doc.fontSize(10);
  write(
    snapshot.incidentNotices.denominator === 0
      ? text.noIncidents
      : `${percent(snapshot.incidentNotices)} (${snapshot.incidentNotices.numerator} / ${snapshot.incidentNotices.denominator})`,
  );
  doc.end();
  return done;
}
