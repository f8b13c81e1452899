import type { TicketStatus } from './ticket';

interface Mergeable {
  id: string;
  status: TicketStatus;
  organizationId: string | null;
  mergedIntoId: string | null;
}

export type MergeRefusal = 'same' | 'merged' | 'closed' | 'other-organization';

/**
 * Why a duplicate may not be merged into a ticket, or null when it may. The messages of one
 * organization never move into another's ticket (its contacts would read them); a closed ticket
 * takes no conversation; a merged one already points elsewhere.
 */
export function mergeRefusal(duplicate: Mergeable, into: Mergeable): MergeRefusal | null {
  if (duplicate.id === into.id) return 'same';
  if (duplicate.mergedIntoId || into.mergedIntoId) return 'merged';
  if (into.status === 'closed') return 'closed';
  if (duplicate.organizationId !== into.organizationId) return 'other-organization';
  return null;
}
