import { createHash } from 'node:crypto';

/** The fields an audit entry is made of, as stored (dates as ISO strings in `summary`). */
export interface AuditEntryFields {
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** An entry as stored: sealed ones carry their chain position and hashes. */
export interface AuditEntry extends AuditEntryFields {
  id: string;
  chainSeq: string | null;
  prevHash: string | null;
  hash: string | null;
}

export interface ChainedAuditEntry extends AuditEntry {
  chainSeq: string;
  prevHash: string;
  hash: string;
}

/** The hash the first entry links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so that jsonb's reordering of keys does not change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value) ?? 'null';
}

/** sha256 over the previous entry's hash and this entry's fields. */
export function auditEntryHash(prevHash: string, entry: AuditEntryFields): string {
  const material = canonicalJson([
    prevHash,
    entry.occurredAt.toISOString(),
    entry.actorId,
    entry.actorEmail,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.summary,
    entry.ip,
    entry.userAgent,
    entry.requestId,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

export type ChainVerdict =
  { ok: true; checked: number } | { ok: false; checked: number; entryId: string; reason: string };

/**
 * Walks entries in id order. A changed entry no longer matches its own hash; a removed one leaves
 * the next entry pointing at a hash that is not its predecessor's. Either names the entry.
 */
export async function verifyAuditChain(entries: AsyncIterable<ChainedAuditEntry>): Promise<ChainVerdict> {
  let previousHash = GENESIS_HASH;
  let checked = 0;
  for await (const entry of entries) {
    if (entry.prevHash !== previousHash) {
      return {
        ok: false,
        checked,
        entryId: entry.id,
        reason: 'does not link to the entry before it (an entry was removed or changed)',
      };
    }
    if (auditEntryHash(entry.prevHash, entry) !== entry.hash) {
      return {
        ok: false,
        checked,
        entryId: entry.id,
        reason: 'its content does not match its hash (the entry was changed)',
      };
    }
    previousHash = entry.hash;
    checked += 1;
  }
  return { ok: true, checked };
}
