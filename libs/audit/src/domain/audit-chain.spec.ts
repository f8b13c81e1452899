import {
  auditEntryHash,
  auditKey,
  canonicalJson,
  ChainedAuditEntry,
  GENESIS_HASH,
  signedCheckpoint,
  UNKEYED,
  verifyAuditChain,
} from './audit-chain';

const KEY = auditKey('a key the database never sees, 32+ characters');
const KEYS = new Map([[KEY.id, KEY]]);

function fieldsOf(n: number) {
  return {
    occurredAt: new Date(Date.UTC(2026, 10, 28, 1, n)),
    actorId: null,
    actorEmail: 'admin@example.com',
    action: 'organization.create',
    targetType: 'organization',
    targetId: `org-${n}`,
    summary: { after: { name: `株式会社${n}`, active: true } },
    ip: '127.0.0.1',
    userAgent: 'jest',
    requestId: `req-${n}`,
  };
}

/** `count` entries, the first `unkeyed` of them sealed before the chain was keyed. */
function chain(count: number, unkeyed = 0, key = KEY): ChainedAuditEntry[] {
  const entries: ChainedAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let n = 1; n <= count; n += 1) {
    const fields = fieldsOf(n);
    const keyed = n > unkeyed;
    const hash = auditEntryHash(prevHash, fields, keyed ? key : undefined);
    entries.push({ ...fields, id: String(n), chainSeq: String(n), prevHash, hash, hashKey: keyed ? key.id : UNKEYED });
    prevHash = hash;
  }
  return entries;
}

async function* iterate(entries: ChainedAuditEntry[]) {
  yield* entries;
}

describe('the audit hash chain', () => {
  it('accepts an untouched chain, its unkeyed beginning included', async () => {
    expect(await verifyAuditChain(iterate(chain(5, 2)), KEYS)).toEqual({ ok: true, checked: 5 });
  });

  it('names a changed entry', async () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, summary: { after: { name: '改ざん', active: true } } };
    expect(await verifyAuditChain(iterate(entries), KEYS)).toMatchObject({ ok: false, entryId: '3', checked: 2 });
  });

  it('names the entry after a removed one', async () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(await verifyAuditChain(iterate(entries), KEYS)).toMatchObject({ ok: false, entryId: '3' });
  });

  it('refuses a chain recomputed with the public formula, or with another key', async () => {
    const recomputed = chain(5, 5).map((entry) => ({ ...entry }));
    const mixed = [...chain(5, 0).slice(0, 2), ...recomputed.slice(2)];
    expect(await verifyAuditChain(iterate(mixed), KEYS)).toMatchObject({ ok: false, entryId: '3' });
    const forged = chain(5, 0, auditKey('the attacker’s own key, also 32+ characters long'));
    expect(await verifyAuditChain(iterate(forged), KEYS)).toMatchObject({ ok: false, entryId: '1' });
  });

  it('verifies entries of a rotated key with AUDIT_PREVIOUS_KEYS, and says so without it', async () => {
    const old = auditKey('the key before the rotation, 32+ characters');
    const entries = chain(3, 0, old);
    expect(await verifyAuditChain(iterate(entries), new Map([...KEYS, [old.id, old]]))).toEqual({
      ok: true,
      checked: 3,
    });
    expect(await verifyAuditChain(iterate(entries), KEYS)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('AUDIT_PREVIOUS_KEYS'),
    });
  });

  it('compares the chain with the checkpoints: a cut tail, a rewritten entry, a forged checkpoint', async () => {
    const entries = chain(6);
    const at = new Date('2026-12-01T03:00:00Z');
    const checkpoints = [
      signedCheckpoint('3', entries[2]!.hash, at, KEY),
      signedCheckpoint('6', entries[5]!.hash, at, KEY),
    ];
    expect(await verifyAuditChain(iterate(entries), KEYS, checkpoints)).toEqual({ ok: true, checked: 6 });
    expect(await verifyAuditChain(iterate(entries.slice(0, 4)), KEYS, checkpoints)).toMatchObject({
      ok: false,
      reason: expect.stringContaining(
        'the chain ends at position 4, but the checkpoint of 2026-12-01T03:00:00.000Z saw position 6',
      ),
    });
    // Rewritten by someone holding the key: consistent in itself, but not with what was checkpointed.
    const rewritten = chain(6).map((entry, index) => (index < 3 ? entry : { ...entry }));
    const changed = [...rewritten.slice(0, 3)];
    let prevHash = changed[2]!.hash;
    for (let n = 4; n <= 6; n += 1) {
      const fields = { ...fieldsOf(n), summary: { after: { name: '書き換え', active: true } } };
      const hash = auditEntryHash(prevHash, fields, KEY);
      changed.push({ ...fields, id: String(n), chainSeq: String(n), prevHash, hash, hashKey: KEY.id });
      prevHash = hash;
    }
    expect(await verifyAuditChain(iterate(changed), KEYS, checkpoints)).toMatchObject({ ok: false, entryId: '6' });
    const forged = { ...checkpoints[1]!, seq: '5' };
    expect(await verifyAuditChain(iterate(entries), KEYS, [forged])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not signed'),
    });
  });

  it('hashes summaries independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});
