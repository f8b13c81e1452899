export const TICKET_STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_CHANNELS = ['web', 'phone', 'email', 'api'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const INQUIRY_CATEGORIES = ['general', 'billing', 'technical', 'account', 'outage', 'other'] as const;
export type InquiryCategory = (typeof INQUIRY_CATEGORIES)[number];

/** The statuses an agent may send a reply "as" (Zendesk's "submit as"): open, waiting on the customer, or solved. */
export const REPLY_STATUSES = ['open', 'pending', 'solved'] as const;

/** Most tickets one bulk change names: a desk page's worth, twice over. */
export const MAX_BULK_TICKETS = 100;

/** Which status changes an agent may make; customers only reply (reopening) or close. */
const TRANSITIONS: Record<TicketStatus, TicketStatus[]> = {
  new: ['open', 'pending', 'solved'],
  open: ['pending', 'solved'],
  pending: ['open', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** What a new ticket is made of, before the system adds its number, due times and ids. */
export interface TicketDraft {
  organizationId: string | null;
  requesterId: string | null;
  requesterName: string;
  /** Null: a caller who gave no address (a phone ticket); they hear back by phone. */
  requesterEmail: string | null;
  requesterCompany: string | null;
  requesterPhone: string | null;
  requesterLanguage: 'ja' | 'en';
  channel: TicketChannel;
  category: string | null;
  subject: string;
  body: string;
  /** The closed ticket this one continues. */
  followUpOf?: string | null;
}

/** `MD-<year>-<sequence value, at least 6 digits>`: the year the ticket was opened, in the support calendar's zone. */
export function ticketNumber(year: number, sequenceValue: number): string {
  return `MD-${year}-${String(sequenceValue).padStart(6, '0')}`;
}

/** What a ticket's history records (`ticket_event.kind`), each told on its page. */
export const TICKET_EVENT_KINDS = [
  'create',
  'reply',
  'note',
  'update',
  'close',
  'auto-close',
  'follow-up',
  'merged-into',
  'merged-from',
  'sla.warning',
  'sla.breach',
] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];
