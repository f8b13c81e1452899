import type { Audience } from '../domain/audience';

/**
 * The recipients of a notice, as SQL (so a fan-out to 100,000 addresses never passes through
 * memory): active customer contacts and extra addresses of active organizations that use one of
 * the services (an organization without a narrowed list uses all), and the status page's confirmed
 * subscribers following one of them (or all), minus quarantined addresses; one row per address
 * (lower-cased) with its language and, for a subscriber, its unsubscribe token. An address that is
 * a contact too receives the contact's notice, which no link may stop (the contract promises it).
 */
export function recipientsSql(audience: Audience, firstParameter: number): { sql: string; parameters: unknown[] } {
  const usesService =
    audience === 'everyone'
      ? 'TRUE'
      : `(NOT EXISTS (SELECT 1 FROM organization_service os WHERE os.organization_id = o.id)
          OR EXISTS (SELECT 1 FROM organization_service os WHERE os.organization_id = o.id AND os.service_id = ANY($${firstParameter}::uuid[])))`;
  const follows =
    audience === 'everyone'
      ? 'TRUE'
      : `(cardinality(s.service_ids) = 0 OR s.service_ids && $${firstParameter}::uuid[])`;
  // Joins, not a per-organization loop: the planner hashes the organizations and scans contacts once.
  const sql = `
    SELECT DISTINCT ON (address.email) address.email, address.language, address.unsubscribe_token
    FROM (
      SELECT lower(u.email) COLLATE "C" AS email, u.language, NULL::varchar AS unsubscribe_token
        FROM app_user u JOIN organization o ON o.id = u.organization_id
       WHERE u.active AND u.role = 'customer' AND o.active AND ${usesService}
      UNION ALL
      SELECT lower(x.email) COLLATE "C", x.language, NULL FROM notice_extra_recipient x JOIN organization o ON o.id = x.organization_id
       WHERE o.active AND ${usesService}
      UNION ALL
      SELECT s.email, s.language, s.unsubscribe_token FROM status_subscriber s
       WHERE s.confirmed_at IS NOT NULL AND ${follows}
    ) address
    -- NOT IN over the (non-null) key hashes the quarantine once instead of probing it per address.
    WHERE address.email NOT IN (SELECT q.email COLLATE "C" FROM mail_quarantine q)
    -- NULLS FIRST: an address that is a contact too takes the contact's row.
    ORDER BY address.email, address.unsubscribe_token NULLS FIRST, address.language`;
  return { sql, parameters: audience === 'everyone' ? [] : [audience.serviceIds] };
}
