import type { Principal } from '@madoguchi/common';
import { OrganizationService } from '@madoguchi/identity';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('OrganizationService', () => {
  let app: ApplicationUnderTest;
  let organizations: OrganizationService;
  let admin: Principal;
  let agent: Principal;

  beforeAll(async () => {
    app = await startApplication();
    organizations = app.get(OrganizationService);
    admin = await app.user('admin');
    agent = await app.user('agent');
  });

  afterAll(() => app?.close());

  it('creates an organization with a trimmed name and unique code, audited', async () => {
    const created = await organizations.create(app.as(admin), { name: ' 株式会社さくら商事 ', code: ' sakura ' });
    expect(created).toMatchObject({ name: '株式会社さくら商事', code: 'sakura', active: true });
    await expect(organizations.create(app.as(admin), { name: '別会社', code: 'sakura' })).rejects.toMatchObject({
      code: 'organization.code-taken',
    });
    expect(await app.audited('organization.create', created.id)).toEqual([
      { actorId: admin.userId, summary: { after: { name: '株式会社さくら商事', code: 'sakura', active: true } } },
    ]);
  });

  it('shows staff every active organization, admins the inactive ones too, a customer only their own', async () => {
    const kept = await app.organization('かえで工業');
    const closed = await app.organization('もみじ物産');
    await organizations.update(app.as(admin), closed, { active: false });
    const customer = await app.user('customer', { organizationId: kept });
    const names = async (viewer: Principal) => (await organizations.list(viewer)).map((o) => o.id);
    expect(await names(agent)).toEqual(expect.arrayContaining([kept]));
    expect(await names(agent)).not.toContain(closed);
    expect(await names(admin)).toEqual(expect.arrayContaining([kept, closed]));
    expect(await names(customer)).toEqual([kept]);
    await expect(organizations.get(customer, closed)).rejects.toMatchObject({ code: 'organization.not-found' });
  });

  it('edits a code away and back, and refuses another organization’s code or an unknown id', async () => {
    const first = await organizations.create(app.as(admin), { name: '一社', code: 'ichi' });
    const second = await organizations.create(app.as(admin), { name: '二社', code: 'ni' });
    await expect(organizations.update(app.as(admin), second.id, { code: 'ichi' })).rejects.toMatchObject({
      code: 'organization.code-taken',
    });
    expect(await organizations.update(app.as(admin), first.id, { code: null })).toMatchObject({ code: null });
    expect(await organizations.update(app.as(admin), second.id, { code: 'ichi' })).toMatchObject({ code: 'ichi' });
    await expect(
      organizations.update(app.as(admin), '00000000-0000-4000-8000-000000000000', { name: 'x' }),
    ).rejects.toMatchObject({ code: 'organization.not-found' });
  });
});
