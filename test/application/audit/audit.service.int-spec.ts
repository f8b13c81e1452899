import { AuditService } from '@madoguchi/audit';
import { UnitOfWork } from '@madoguchi/database';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('AuditService', () => {
  let app: ApplicationUnderTest;
  let audit: AuditService;

  beforeAll(async () => {
    app = await startApplication();
    audit = app.get(AuditService);
  });

  afterAll(() => app?.close());

  it('records entries with the change they belong to: a rolled-back change leaves none', async () => {
    const actor = await app.user('admin');
    const record = (targetId: string) =>
      app.get(UnitOfWork).run((transaction) =>
        audit.record(
          transaction,
          { ...app.as(actor), ip: '203.0.113.9' },
          {
            action: 'spec.touch',
            targetType: 'spec',
            targetId,
            summary: { n: targetId },
          },
        ),
      );
    await record('kept');
    await expect(
      app.get(UnitOfWork).run(async (transaction) => {
        await audit.record(transaction, app.as(actor), { action: 'spec.touch', targetType: 'spec', targetId: 'lost' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    const entries = await audit.list({ action: 'spec.touch' }, 10);
    expect(entries.map((entry) => entry.targetId)).toEqual(['kept']);
    expect(entries[0]).toMatchObject({ actorId: actor.userId, actorEmail: actor.email, ip: '203.0.113.9' });
    expect(await audit.occurrences('spec.touch', { ip: '203.0.113.9' }, new Date(0))).toHaveLength(1);
  });

  it('seals entries into a chain that verifies, newest first in the list', async () => {
    const actor = await app.user('admin');
    for (const targetId of ['a', 'b', 'c'])
      await app
        .get(UnitOfWork)
        .run((transaction) =>
          audit.record(transaction, app.as(actor), { action: 'spec.chain', targetType: 'spec', targetId }),
        );
    const verdict = await audit.verify();
    expect(verdict).toMatchObject({ ok: true });
    const listed = await audit.list({ action: 'spec.chain' }, 10);
    expect(listed.map((entry) => entry.targetId)).toEqual(['c', 'b', 'a']);
    expect(listed.every((entry) => entry.hash !== null && entry.chainSeq !== null)).toBe(true);
    const streamed = [];
    for await (const entry of audit.stream({ action: 'spec.chain' })) streamed.push(entry.targetId);
    expect(streamed).toEqual(['a', 'b', 'c']);
  });
});
