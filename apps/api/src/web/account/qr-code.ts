import QRCode from 'qrcode';

/** The otpauth:// URI as an SVG QR code: our own markup (the URI is all it encodes), shown as is. */
export function qrCodeOf(otpauthUri: string): Promise<string> {
  return QRCode.toString(otpauthUri, { type: 'svg', margin: 1, width: 200 });
}
