import type { TicketQueryService } from '@madoguchi/tickets';

/** A customer's view of their organization's tickets. */
export interface PortalPage {
  tickets: Awaited<ReturnType<TicketQueryService['list']>>['items'];
}
