import { auditEntryHash, canonicalJson, ChainedAuditEntry, GENESIS_HASH, verifyAuditChain } from './audit-chain';

function chain(count: number): ChainedAuditEntry[] {
  const entries: ChainedAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let n = 1; n <= count; n += 1) {
    const fields = {
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
    const hash = auditEntryHash(prevHash, fields);
    entries.push({ ...fields, id: String(n), chainSeq: String(n), prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

async function* iterate(entries: ChainedAuditEntry[]) {
  yield* entries;
}

describe('the audit hash chain', () => {
  it('accepts an untouched chain', async () => {
    expect(await verifyAuditChain(iterate(chain(5)))).toEqual({ ok: true, checked: 5 });
  });

  it('names a changed entry', async () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, summary: { after: { name: '改ざん', active: true } } };
    expect(await verifyAuditChain(iterate(entries))).toMatchObject({ ok: false, entryId: '3', checked: 2 });
  });

  it('names the entry after a removed one', async () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(await verifyAuditChain(iterate(entries))).toMatchObject({ ok: false, entryId: '3' });
  });

  it('hashes summaries independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});
