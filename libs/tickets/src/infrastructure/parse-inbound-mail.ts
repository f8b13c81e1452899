import { type AddressObject, simpleParser } from 'mailparser';

import type { InboundMail } from '../domain/inbound-mail';
import { inboundMailTooComplex } from '../domain/tickets.errors';

const withoutBrackets = (id: string) => id.trim().replace(/^<|>$/g, '');

function headerText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return null;
}

/** Reads a raw RFC 5322 message (MIME, any charset mailparser knows, ISO-2022-JP included). */
export async function parseInboundMail(raw: Buffer): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true }).catch((error: NodeJS.ErrnoException) => {
    // The splitter's own limits (thousands of MIME parts, megabytes of headers): refused, not a crash.
    throw error.code === 'EMAXLEN' ? inboundMailTooComplex(error.message.toLowerCase()) : error;
  });
  const from = (parsed.from as AddressObject | undefined)?.value[0];
  const references = typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []);
  const inReplyTo = parsed.inReplyTo ? parsed.inReplyTo.split(/\s+/).filter(Boolean) : [];
  return {
    messageId: parsed.messageId ? withoutBrackets(parsed.messageId) : null,
    // Oldest first, the direct parent last.
    refersTo: [...references, ...inReplyTo].map(withoutBrackets),
    from: from?.address ? { address: from.address.toLowerCase(), name: from.name ?? '' } : null,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    autoSubmitted: headerText(parsed.headers.get('auto-submitted')),
    precedence: headerText(parsed.headers.get('precedence')),
    authenticationResults: parsed.headerLines
      .filter((header) => header.key === 'authentication-results')
      .map((header) => header.line.replace(/^[^:]*:\s*/, '')),
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? 'attachment',
      contentType: attachment.contentType || 'application/octet-stream',
      content: attachment.content,
    })),
  };
}
