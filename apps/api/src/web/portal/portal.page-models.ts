import type { TicketQueryService } from '@madoguchi/tickets';

export const PORTAL_STATES = ['open', 'done', 'all'] as const;
/** The portal's status filter in customers' terms: being handled (new, open, pending), done (solved, closed), or all. */
export type PortalState = (typeof PORTAL_STATES)[number];

/** A customer's view of their organization's tickets: filtered, searched, a page at a time. */
export interface PortalPage {
  tickets: Awaited<ReturnType<TicketQueryService['list']>>['items'];
  filters: { state: PortalState; mine: boolean; q: string };
  states: readonly PortalState[];
  /** The next page's link, or null on the last page. */
  next: string | null;
}
