import QRCode from 'qrcode';

import type { Enrolment } from '@madoguchi/identity';

/**
 * An enrolment as a page shows it: with the otpauth:// URI drawn as an SVG QR code — our own markup
 * (the URI is all it encodes), which the page shows as is.
 */
export async function scannable(enrolment: Enrolment): Promise<Enrolment & { qrSvg: string }> {
  return { ...enrolment, qrSvg: await QRCode.toString(enrolment.otpauthUri, { type: 'svg', margin: 1, width: 200 }) };
}
