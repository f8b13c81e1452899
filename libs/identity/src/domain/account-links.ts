/** What a single-use account link lets its holder do: set a forgotten password, or a first one. */
export const ACCOUNT_LINK_PURPOSES = ['password-reset', 'invitation'] as const;
export type AccountLinkPurpose = (typeof ACCOUNT_LINK_PURPOSES)[number];

/** How long a link works: a reset an hour (it is asked for and used at once), an invitation a week. */
export const ACCOUNT_LINK_LIFETIME_MS: Record<AccountLinkPurpose, number> = {
  'password-reset': 3_600_000,
  invitation: 7 * 24 * 3_600_000,
};

/** Where each link leads: the page that takes its token and the new password. */
export const ACCOUNT_LINK_PATHS: Record<AccountLinkPurpose, string> = {
  'password-reset': '/account/reset',
  invitation: '/account/invite',
};

/**
 * Reset mails asked for within the last hour beyond which no more are sent: per account (nobody
 * fills a colleague's mailbox) and per address (nobody sweeps the directory). The answer to the
 * asker stays the same either way.
 */
export const PASSWORD_RESET_LIMITS = { perAccount: 3, perAddress: 10, windowMs: 3_600_000 } as const;

/** Whether another reset mail may go out, given how many were sent within the window. */
export function resetAllowed(recent: { forAccount: number; fromAddress: number }): boolean {
  return recent.forAccount < PASSWORD_RESET_LIMITS.perAccount && recent.fromAddress < PASSWORD_RESET_LIMITS.perAddress;
}

/** How many invitations one account may be sent within an hour (the first and two resends). */
export const INVITATIONS_PER_HOUR = 3;
