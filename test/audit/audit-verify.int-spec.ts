import { DataSource } from 'typeorm';

import { AuditService, describeVerdict, verifyAuditLog } from '@madoguchi/audit';
import { SYSTEM_CONTEXT } from '@madoguchi/common';
import { dataSourceOptionsFor, UnitOfWork } from '@madoguchi/database';
import { ENTITIES } from '@madoguchi/platform';

import { AuditRepository } from '../../libs/audit/src/infrastructure/audit.repository';

describe('audit:verify on a real database (PGlite)', () => {
  let dataSource: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    const options = await dataSourceOptionsFor({ kind: 'pglite', dataDir: 'memory://' });
    dataSource = await new DataSource({ ...options, entities: ENTITIES }).initialize();
    await dataSource.runMigrations();
    audit = new AuditService(new AuditRepository(dataSource), new UnitOfWork(dataSource));
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
    const verdict = await verifyAuditLog(dataSource);
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
    expect(await verifyAuditLog(dataSource)).toEqual({ ok: true, checked: 6 });
  });

  it('refuses to append through a transaction that has ended', async () => {
    const ended = await new UnitOfWork(dataSource).run(async (transaction) => transaction);
    await expect(audit.record(ended, SYSTEM_CONTEXT, { action: 'x' })).rejects.toThrow(/inside a transaction/);
  });

  it('fails and names the row when someone with the power to disable the trigger edits a row', async () => {
    await verifyAuditLog(dataSource); // seals everything first
    const [third] = await dataSource.query(`SELECT id FROM audit_event ORDER BY chain_seq OFFSET 2 LIMIT 1`);
    await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete`);
    await dataSource.query(`UPDATE audit_event SET summary = '{"after":{"name":"改ざん"}}' WHERE id = $1`, [third.id]);
    await dataSource.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete`);

    const verdict = await verifyAuditLog(dataSource);
    expect(verdict).toMatchObject({ ok: false, entryId: String(third.id), checked: 2 });
    // The tampered entry is named whatever else was appended since.
    expect(describeVerdict(verdict)).toContain(`entry ${third.id} its content does not match its hash`);
  });
});
