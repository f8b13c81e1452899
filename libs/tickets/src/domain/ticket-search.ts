/**
 * What a desk search box holds, read the ways agents type it: a ticket number in full
 * (`MD-2026-000301`), its sequence alone (`000301`, `301`, `#301`: the sequence is one for all
 * years, so it names one ticket), a phone number (`03-1234-5678`, `+81 3 1234 5678`), or text.
 * The text is searched too (`2026` may be a sequence and a word in a subject), except for a full
 * number: that names one ticket, which the desk opens, so it is looked up by its sequence alone.
 */
export interface TicketSearchTerms {
  text: string;
  /** A full ticket number, normalised (`MD-2026-000301`). */
  number?: string;
  /** The number's sequence value. */
  sequence?: number;
  /** A phone number's digits as `phoneDigits` normalises them. */
  phone?: string;
}

const FULL_NUMBER = /^MD-(\d{4})-(\d{1,12})$/i;
const SEQUENCE = /^(?:MD-?|#)?(\d{1,12})$/i;
const PHONE_SEPARATORS = /[\s()\-‐－ー.]/g;

/** A phone number's digits, an international Japanese prefix (+81) written as the domestic 0. */
export function phoneDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.startsWith('81') && digits.length >= 11 ? `0${digits.slice(2)}` : digits;
}

/** Phone numbers worth matching have a full area code and subscriber number. */
const MIN_PHONE_DIGITS = 10;

export function ticketSearchTerms(query: string): TicketSearchTerms {
  const text = query.trim();
  const terms: TicketSearchTerms = { text };
  // Full-width digits and hyphens, as Japanese input methods type them, read as numbers too.
  const typed = text.normalize('NFKC');
  const full = FULL_NUMBER.exec(typed);
  if (full) {
    terms.sequence = Number(full[2]);
    terms.number = `MD-${full[1]}-${full[2]!.padStart(6, '0')}`;
    return terms;
  }
  const sequence = SEQUENCE.exec(typed);
  if (sequence) terms.sequence = Number(sequence[1]);
  const compact = typed.replace(PHONE_SEPARATORS, '');
  if (/^\+?\d+$/.test(compact) && phoneDigits(compact).length >= MIN_PHONE_DIGITS) terms.phone = phoneDigits(compact);
  return terms;
}
