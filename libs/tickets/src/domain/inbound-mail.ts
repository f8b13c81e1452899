import type { AttachmentFile } from './attachment';

/** An e-mail received for the desk, as far as the desk cares. */
export interface InboundMail {
  /** Without angle brackets; null when the sender set none. */
  messageId: string | null;
  /** Message-IDs of In-Reply-To and References, without angle brackets. */
  refersTo: string[];
  from: { address: string; name: string } | null;
  subject: string;
  text: string;
  autoSubmitted: string | null;
  precedence: string | null;
  /** Every Authentication-Results header (RFC 8601), as the receiving servers added them. */
  authenticationResults: string[];
  attachments: AttachmentFile[];
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * Whether a server we trust (its authserv-id in `trustedRelays`) says the From address is genuine:
 * DMARC passed for its domain, or SPF or DKIM passed for that very domain (aligned). Anyone can write
 * any From; only this lets a reply join its requester's ticket. Headers from other servers — which the
 * sender can write themselves — are ignored.
 */
export function senderVerified(mail: InboundMail, trustedRelays: readonly string[]): boolean {
  const from = mail.from?.address;
  if (!from) return false;
  const domain = domainOf(from);
  const trusted = new Set(trustedRelays.map((relay) => relay.toLowerCase()));
  return mail.authenticationResults.some((header) => {
    const [authservId, ...results] = header.replace(/\s+/g, ' ').split(';');
    if (!trusted.has((authservId ?? '').trim().split(' ')[0]!.toLowerCase())) return false;
    return results.some((result) => {
      const method = /^\s*(dmarc|spf|dkim)=pass\b(.*)$/i.exec(result);
      if (!method) return false;
      const property = /\b(header\.from|smtp\.mailfrom|header\.d|header\.i)=([^\s;]+)/i.exec(method[2]!);
      // DMARC checks alignment itself; SPF and DKIM count only for the From's own domain.
      if (!property) return method[1]!.toLowerCase() === 'dmarc';
      return domainOf(property[2]!.replace(/^@/, '')) === domain;
    });
  });
}

/** What an inbound message refers to among our own mail: a ticket (acknowledgement) or a reply. */
export type ThreadReference = { ticketId: string } | { messageId: string } | { number: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TICKET_NUMBER = /\[(MD-\d{4}-\d{6,})\]/;

/**
 * Why a message must neither open nor extend a ticket, or null. Automatic mail (RFC 3834
 * Auto-Submitted, bulk/list precedence, bounces, our own address) never gets an automatic answer,
 * so two auto-responders cannot mail each other forever.
 */
export function ignoredBecause(mail: InboundMail, ownAddresses: readonly string[]): string | null {
  if (mail.autoSubmitted && mail.autoSubmitted.trim().toLowerCase() !== 'no')
    return `automatic message (Auto-Submitted: ${mail.autoSubmitted.trim()})`;
  const precedence = mail.precedence?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list')
    return `bulk message (Precedence: ${precedence})`;
  const from = mail.from?.address.toLowerCase() ?? '';
  const local = from.split('@')[0] ?? '';
  if (local === 'mailer-daemon' || local === 'postmaster') return `delivery report from ${from}`;
  if (ownAddresses.some((own) => own.toLowerCase() === from)) return 'sent by the desk itself';
  return null;
}

/**
 * The ticket a message answers, most reliable first: the Message-ID of one of our acknowledgements
 * or replies in In-Reply-To/References (`ticket-ack.<ticket id>@`, `ticket-message.<message id>@`
 * on our domain), else a ticket number tag `[MD-2026-000123]` in the subject.
 */
export function threadReference(mail: InboundMail, ownDomain: string): ThreadReference | null {
  const domain = ownDomain.toLowerCase();
  for (const id of [...mail.refersTo].reverse()) {
    const match = new RegExp(`^ticket-(ack|message)\\.(${UUID})@(.+)$`, 'i').exec(id.trim());
    if (!match || match[3]!.toLowerCase() !== domain) continue;
    return match[1]!.toLowerCase() === 'ack'
      ? { ticketId: match[2]!.toLowerCase() }
      : { messageId: match[2]!.toLowerCase() };
  }
  const tagged = TICKET_NUMBER.exec(mail.subject);
  return tagged ? { number: tagged[1]! } : null;
}

const QUOTE_HEADERS = [
  /^-{2,}\s*(original message|元のメッセージ|転送されたメッセージ|forwarded message)/i,
  /^on .+wrote:\s*$/i,
  /^\d{4}[年/.-]\s?\d{1,2}[月/.-]\s?\d{1,2}.*(wrote:|書きました|:)\s*$/,
  /^from:\s.+$/i,
];

/**
 * The new part of a reply: cut at the first line that starts a quoted earlier message ("On … wrote:",
 * "2026年11月28日(土) 10:00 山田 <…>:", "-----Original Message-----", a "From:" header block) and
 * drop `>` quotes. If that leaves nothing, the whole text is kept: better too much than nothing.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = lines.findIndex((line) => QUOTE_HEADERS.some((pattern) => pattern.test(line.trim())));
  const own = (cut === -1 ? lines : lines.slice(0, cut)).filter((line) => !line.trimStart().startsWith('>'));
  const stripped = own.join('\n').trim();
  return stripped || text.trim();
}

/** Reply and forward prefixes (Re:, Fwd:, 返信:, 転送: …) and our ticket tag removed; a subject for a new ticket. */
export function cleanSubject(subject: string): string {
  let clean = subject.replace(TICKET_NUMBER, ' ').trim();
  const prefix = /^(re|fw|fwd|aw|sv|返信|転送)\s*[:：]\s*/i;
  while (prefix.test(clean)) clean = clean.replace(prefix, '');
  return clean.replace(/\s+/g, ' ').trim();
}

/** Japanese when the text holds kana or kanji, else English: the language we answer in. */
export function guessLanguage(text: string): 'ja' | 'en' {
  return /[\u3040-\u30ff\u3400-\u9fff]/.test(text) ? 'ja' : 'en';
}

/** Longest message body kept inline, as on the inquiry form. */
export const BODY_LIMIT = 20_000;

/**
 * The message to store: the new part of the reply, at most BODY_LIMIT characters. A longer text is
 * not cut silently: the message says so and the whole text comes back as a file to attach.
 */
export function messageBody(text: string): { body: string; fullText: AttachmentFile | null } {
  const own = stripQuotedReply(text) || '(本文なし / no text)';
  if (own.length <= BODY_LIMIT) return { body: own, fullText: null };
  const notice =
    '\n\n[…] 本文が長いため全文を full-text.txt として添付しました / The full text is attached as full-text.txt.';
  return {
    body: own.slice(0, BODY_LIMIT - notice.length) + notice,
    fullText: { filename: 'full-text.txt', contentType: 'text/plain', content: Buffer.from(text, 'utf8') },
  };
}
