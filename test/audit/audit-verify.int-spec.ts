import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DataSource } from 'typeorm';

import { auditEntryHash, AuditService, describeVerdict, GENESIS_HASH, verifyAuditLog } from '@madoguchi/audit';
import { SYSTEM_CONTEXT, SystemClock } from '@madoguchi/common';
import { type AppConfig, validateConfig } from '@madoguchi/config';
import { dataSourceOptionsFor, UnitOfWork } from '@madoguchi/database';
import { ENTITIES } from '@madoguchi/platform';

import { AuditRepository } from '../../libs/audit/src/infrastructure/audit.repository';
import { AuditCheckpoints } from '../../libs/audit/src/infrastructure/audit-checkpoints';
import { AuditKeys } from '../../libs/audit/src/infrastructure/audit-keys';

describe('audit:verify on a real database (PGlite)', () => {
  let dataSource: DataSource;
  let audit: AuditService;
  let config: AppConfig;
  const verify = () => verifyAuditLog(dataSource, config);
  /** Edits the table as its owner can: with the append-only trigger switched off. */
  const asOwner = async (sql: string, parameters: unknown[] = []) => {
    await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete`);
    await dataSource.query(sql, parameters);
    await dataSource.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete`);
  };

  beforeAll(async () => {
    const options = await dataSourceOptionsFor({ kind: 'pglite', dataDir: 'memory://' });
    dataSource = await new DataSource({ ...options, entities: ENTITIES }).initialize();
    await dataSource.runMigrations();
    config = validateConfig({ DATA_DIR: await mkdtemp(join(tmpdir(), 'madoguchi-audit-')) });
    const keys = new AuditKeys(config);
    audit = new AuditService(
      new AuditRepository(dataSource, keys),
      new UnitOfWork(dataSource),
      keys,
      new AuditCheckpoints(config),
      new SystemClock(),
    );
    for (let n = 1; n <= 5; n += 1) {
      await new UnitOfWork(dataSource).run((transaction) =>
        audit.record(transaction, SYSTEM_CONTEXT, {
          action: 'organization.create',
          targetType: 'organization',
          targetId: `org-${n}`,
          summary: { after: { name: `会社${n}` } },
        }),
      );
    }
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('passes on an untouched log', async () => {
    const verdict = await verify();
    expect(verdict).toEqual({ ok: true, checked: 5 });
    expect(describeVerdict(verdict)).toBe('Audit log intact: 5 entries verified.');
  });

  it('lets sealing set an entry’s chain position once, and nothing else change', async () => {
    await new UnitOfWork(dataSource).run((transaction) =>
      audit.record(transaction, SYSTEM_CONTEXT, { action: 'user.create', targetId: 'late' }),
    );
    const [late] = await dataSource.query(`SELECT id FROM audit_event WHERE target_id = 'late'`);
    await expect(
      dataSource.query(`UPDATE audit_event SET summary = '{"forged":true}', chain_seq = 999 WHERE id = $1`, [late.id]),
    ).rejects.toThrow(/append-only/);
    expect(await audit.seal()).toBe(1);
    await expect(dataSource.query(`UPDATE audit_event SET chain_seq = 1000 WHERE id = $1`, [late.id])).rejects.toThrow(
      /append-only/,
    );
    expect(await verify()).toEqual({ ok: true, checked: 6 });
  });

  it('refuses to append through a transaction that has ended', async () => {
    const ended = await new UnitOfWork(dataSource).run(async (transaction) => transaction);
    await expect(audit.record(ended, SYSTEM_CONTEXT, { action: 'x' })).rejects.toThrow(/inside a transaction/);
  });

  it('fails and names the row when someone with the power to disable the trigger edits a row', async () => {
    await verify(); // seals everything first
    const [third] = await dataSource.query(`SELECT id FROM audit_event ORDER BY chain_seq OFFSET 2 LIMIT 1`);
    await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete`);
    await dataSource.query(`UPDATE audit_event SET summary = '{"after":{"name":"改ざん"}}' WHERE id = $1`, [third.id]);
    await dataSource.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete`);

    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, entryId: String(third.id), checked: 2 });
    // The tampered entry is named whatever else was appended since.
    expect(describeVerdict(verdict)).toContain(`entry ${third.id} its content does not match its hash`);
  });

  it('a chain recomputed with the public formula after an edit fails at the edited entry', async () => {
    await verify();
    await audit.checkpoint();
    const rows = (await dataSource.query(
      `SELECT id, chain_seq, occurred_at, actor_id, actor_email, action, target_type, target_id, summary, ip,
              user_agent, request_id FROM audit_event ORDER BY chain_seq`,
    )) as Array<Record<string, unknown>>;
    const edited = rows[rows.length - 2]!;
    let prevHash = GENESIS_HASH;
    for (const row of rows) {
      const fields = {
        occurredAt: new Date(row.occurred_at as string),
        actorId: row.actor_id as string | null,
        actorEmail: row.actor_email as string | null,
        action: row.action as string,
        targetType: row.target_type as string | null,
        targetId: row.target_id as string | null,
        summary: row === edited ? { forged: true } : (row.summary as Record<string, unknown>),
        ip: row.ip as string | null,
        userAgent: row.user_agent as string | null,
        requestId: row.request_id as string | null,
      };
      const hash = auditEntryHash(prevHash, fields);
      await asOwner(
        `UPDATE audit_event SET summary = $1, prev_hash = $2, hash = $3, hash_key = 'sha256' WHERE id = $4`,
        [JSON.stringify(fields.summary), prevHash, hash, row.id],
      );
      prevHash = hash;
    }
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: false });
    expect(describeVerdict(verdict)).toMatch(/TAMPERED/);
  });

  it('a cut tail is reported against the checkpoint written outside the database', async () => {
    // A fresh database: the tampering above is not in the way.
    const options = await dataSourceOptionsFor({ kind: 'pglite', dataDir: 'memory://' });
    const fresh = await new DataSource({ ...options, entities: ENTITIES }).initialize();
    await fresh.runMigrations();
    const keys = new AuditKeys(config);
    const checkpoints = new AuditCheckpoints(
      validateConfig({ DATA_DIR: await mkdtemp(join(tmpdir(), 'madoguchi-audit-')) }),
    );
    const log = new AuditService(
      new AuditRepository(fresh, keys),
      new UnitOfWork(fresh),
      keys,
      checkpoints,
      new SystemClock(),
    );
    for (let n = 1; n <= 4; n += 1)
      await new UnitOfWork(fresh).run((transaction) =>
        log.record(transaction, SYSTEM_CONTEXT, { action: 'user.create', targetId: `u${n}` }),
      );
    await log.seal();
    await log.checkpoint();
    expect(await log.verify()).toEqual({ ok: true, checked: 4 });
    await fresh.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete`);
    await fresh.query(`DELETE FROM audit_event WHERE chain_seq > 2`);
    await fresh.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete`);
    const verdict = await log.verify();
    expect(describeVerdict(verdict)).toMatch(
      /the chain ends at position 2, but the checkpoint of .* saw position 4: entries were removed from the end/,
    );
    await fresh.destroy();
  });
});
