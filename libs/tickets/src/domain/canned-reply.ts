import { type Principal, roleSatisfies } from '@madoguchi/common';

/** What a canned reply may say in `{{…}}`: filled in from the ticket and the agent when inserted. */
export const CANNED_PLACEHOLDERS = ['requester.name', 'ticket.number', 'ticket.subject', 'agent.name'] as const;
export type CannedPlaceholder = (typeof CANNED_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The `{{names}}` a text uses that are not placeholders (a typo would reach the customer as is). */
export function unknownPlaceholders(body: string): string[] {
  const names = [...body.matchAll(PLACEHOLDER)].map((match) => match[1]!);
  return [...new Set(names.filter((name) => !(CANNED_PLACEHOLDERS as readonly string[]).includes(name)))];
}

/** The text with every placeholder replaced by its value. */
export function fillPlaceholders(body: string, values: Record<CannedPlaceholder, string>): string {
  return body.replace(PLACEHOLDER, (whole, name: string) =>
    name in values ? values[name as CannedPlaceholder] : whole,
  );
}

/** Shared replies are the desk's, kept by managers; a personal one is its owner's alone. */
export function mayManageCannedReply(viewer: Principal, reply: { ownerId: string | null }): boolean {
  return reply.ownerId === null ? roleSatisfies(viewer.role, 'manager') : reply.ownerId === viewer.userId;
}
