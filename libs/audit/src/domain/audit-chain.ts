import { createHash, createHmac } from 'node:crypto';

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
  /** Which key sealed it (`AuditKey.id`), or `sha256` for entries sealed before the chain was keyed. */
  hashKey: string | null;
}

export interface ChainedAuditEntry extends AuditEntry {
  chainSeq: string;
  prevHash: string;
  hash: string;
  hashKey: string;
}

/** A secret the database does not hold: entries are sealed with an HMAC under it. */
export interface AuditKey {
  /** A short fingerprint of the secret, stored with each entry so that rotated keys still verify. */
  id: string;
  secret: Buffer;
}

/** Entries sealed before the chain was keyed: plain SHA-256, accepted only as the chain's beginning. */
export const UNKEYED = 'sha256';

export function auditKey(secret: string): AuditKey {
  const bytes = Buffer.from(secret, 'utf8');
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 16), secret: bytes };
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

/**
 * HMAC-SHA256 under `key` (plain SHA-256 without one: the chain's unkeyed beginning) over the previous
 * entry's hash and this entry's fields. Without the key, nobody can compute a valid entry.
 */
export function auditEntryHash(prevHash: string, entry: AuditEntryFields, key?: AuditKey): string {
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
  return (key ? createHmac('sha256', key.secret) : createHash('sha256')).update(material).digest('hex');
}

/** An outside record of the chain's head: what a later verification compares the table against. */
export interface AuditCheckpoint {
  seq: string;
  hash: string;
  at: string;
  keyId: string;
  signature: string;
}

const checkpointMaterial = (seq: string, hash: string, at: string) => `madoguchi-audit-checkpoint:${seq}:${hash}:${at}`;

export function signedCheckpoint(seq: string, hash: string, at: Date, key: AuditKey): AuditCheckpoint {
  const stamp = at.toISOString();
  const signature = createHmac('sha256', key.secret)
    .update(checkpointMaterial(seq, hash, stamp))
    .digest('hex');
  return { seq, hash, at: stamp, keyId: key.id, signature };
}

export function checkpointSigned(checkpoint: AuditCheckpoint, keys: ReadonlyMap<string, AuditKey>): boolean {
  const key = keys.get(checkpoint.keyId);
  if (!key) return false;
  const expected = createHmac('sha256', key.secret)
    .update(checkpointMaterial(checkpoint.seq, checkpoint.hash, checkpoint.at))
    .digest('hex');
  return expected === checkpoint.signature;
}

export type ChainVerdict =
  | { ok: true; checked: number }
  /** `entryId`: the first entry that fails; null when the fault is not one entry's (a cut tail, a forged checkpoint). */
  | { ok: false; checked: number; entryId: string | null; reason: string };

/**
 * Walks entries in chain order. A changed entry no longer matches its own hash (and only the key's
 * holder can compute another); a removed one leaves the next entry pointing at a hash that is not its
 * predecessor's. Either names the entry. Unkeyed entries are accepted only before the first keyed one.
 * The checkpoints written outside the database are compared on the way: a different hash at a
 * checkpoint's position means the chain was rewritten (by someone holding the key); a checkpoint past
 * the chain's end means entries were cut from the end.
 */
export async function verifyAuditChain(
  entries: AsyncIterable<ChainedAuditEntry>,
  keys: ReadonlyMap<string, AuditKey>,
  checkpoints: readonly AuditCheckpoint[] = [],
): Promise<ChainVerdict> {
  const unsigned = checkpoints.find((checkpoint) => !checkpointSigned(checkpoint, keys));
  if (unsigned)
    return {
      ok: false,
      checked: 0,
      entryId: null,
      reason: `the checkpoint of ${unsigned.at} is not signed by a key this server has`,
    };
  const pending = [...checkpoints].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  let previousHash = GENESIS_HASH;
  let checked = 0;
  let keyed = false;
  let lastSeq = '0';
  const failed = (entryId: string | null, reason: string) => ({ ok: false as const, checked, entryId, reason });
  for await (const entry of entries) {
    if (entry.prevHash !== previousHash)
      return failed(entry.id, 'does not link to the entry before it (an entry was removed or changed)');
    const key = entry.hashKey === UNKEYED ? undefined : keys.get(entry.hashKey);
    if (entry.hashKey === UNKEYED && keyed)
      return failed(entry.id, 'claims the unkeyed hash after keyed entries (the chain was recomputed without the key)');
    if (entry.hashKey !== UNKEYED && !key)
      return failed(
        entry.id,
        `was sealed with key ${entry.hashKey}, which this server does not have (AUDIT_PREVIOUS_KEYS)`,
      );
    if (auditEntryHash(entry.prevHash, entry, key) !== entry.hash)
      return failed(entry.id, 'its content does not match its hash (the entry was changed)');
    while (pending.length > 0 && BigInt(pending[0]!.seq) <= BigInt(entry.chainSeq)) {
      const checkpoint = pending.shift()!;
      if (checkpoint.seq === entry.chainSeq && checkpoint.hash !== entry.hash)
        return failed(
          entry.id,
          `differs from the checkpoint of ${checkpoint.at}: the chain was rewritten from here or before`,
        );
    }
    keyed ||= key !== undefined;
    previousHash = entry.hash;
    lastSeq = entry.chainSeq;
    checked += 1;
  }
  const beyond = pending.at(-1);
  if (beyond)
    return failed(
      null,
      `the chain ends at position ${lastSeq}, but the checkpoint of ${beyond.at} saw position ${beyond.seq}: entries were removed from the end`,
    );
  return { ok: true, checked };
}
