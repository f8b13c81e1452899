import { type Principal, ValidationFailedError } from '@madoguchi/common';
import { AuthService, OrganizationService, UserService } from '@madoguchi/identity';

import { type ApplicationUnderTest, signedInToken, startApplication } from '../../support/application';

const PASSWORD = 'a long enough passphrase';

describe('UserService', () => {
  let app: ApplicationUnderTest;
  let users: UserService;
  let admin: Principal;
  let organizationId: string;

  beforeAll(async () => {
    app = await startApplication();
    users = app.get(UserService);
    admin = await app.user('admin');
    organizationId = await app.organization('株式会社さくら商事');
  });

  afterAll(() => app?.close());

  it('creates a user with a normalized address, Japanese by default, audited without the password', async () => {
    const user = await users.create(app.as(admin), {
      email: '  Hanako@Sakura.Example.JP ',
      name: ' 山田 花子 ',
      password: PASSWORD,
      role: 'customer',
      organizationId,
    });
    expect(user).toMatchObject({ email: 'hanako@sakura.example.jp', name: '山田 花子', language: 'ja', active: true });
    const [entry] = await app.audited('user.create', user.id);
    expect(JSON.stringify(entry!.summary)).toContain('hanako@sakura.example.jp');
    expect(JSON.stringify(entry!.summary)).not.toContain(PASSWORD);
    await expect(
      users.create(app.as(admin), { email: 'HANAKO@sakura.example.jp', name: 'x', password: PASSWORD, role: 'agent' }),
    ).rejects.toMatchObject({ code: 'user.email-taken' });
  });

  it('refuses a weak password, a customer without an active organization and staff with one, field by field', async () => {
    const create = (input: Partial<Parameters<UserService['create']>[1]>) =>
      users.create(app.as(admin), { email: 'new@example.jp', name: 'n', password: PASSWORD, role: 'agent', ...input });
    await expect(create({ password: 'short' })).rejects.toMatchObject({ fieldProblems: [{ field: 'password' }] });
    await expect(create({ role: 'customer' })).rejects.toMatchObject({
      fieldProblems: [{ field: 'organizationId', messages: ['a customer contact needs an organization'] }],
    });
    await expect(create({ organizationId })).rejects.toThrow(ValidationFailedError);
    const closed = await app.organization('閉鎖済み');
    await app.get(OrganizationService).update(app.as(admin), closed, { active: false });
    await expect(create({ role: 'customer', organizationId: closed })).rejects.toMatchObject({
      fieldProblems: [{ field: 'organizationId', messages: ['no active organization has this id'] }],
    });
    expect((await users.list(admin)).map((user) => user.email)).not.toContain('new@example.jp');
  });

  it('names users and organizations by id as far as the viewer sees them; staff by name for anyone', async () => {
    const agent = await app.user('agent', { name: '佐藤 一郎' });
    const elsewhere = await app.organization('株式会社かえで');
    const contact = await app.user('customer', { organizationId, name: '山田 次郎' });
    const names = await users.namesOf(admin, [agent.userId, contact.userId, elsewhere, 'support-hours', agent.userId]);
    expect(Object.fromEntries(names)).toEqual({
      [agent.userId]: '佐藤 一郎',
      [contact.userId]: '山田 次郎',
      [elsewhere]: '株式会社かえで',
    });
    // A customer sees their own organization and its contacts, nobody else's.
    const seen = await users.namesOf(contact, [contact.userId, elsewhere, organizationId]);
    expect(Object.fromEntries(seen)).toEqual({ [contact.userId]: '山田 次郎', [organizationId]: '株式会社さくら商事' });
    expect(Object.fromEntries(await users.staffNames([agent.userId, contact.userId]))).toEqual({
      [agent.userId]: '佐藤 一郎',
    });
  });

  it('deactivating a user ends every session and token they hold', async () => {
    const agent = await app.user('agent', { email: 'leaving@example.jp' });
    await users.update(app.as(admin), agent.userId, { password: PASSWORD });
    const auth = app.get(AuthService);
    const issued = signedInToken(await auth.login(app.as(admin), 'leaving@example.jp', PASSWORD, 'api'));
    expect(await auth.authenticate(issued.token)).not.toBeNull();
    await users.update(app.as(admin), agent.userId, { active: false });
    expect(await auth.authenticate(issued.token)).toBeNull();
    expect(await app.audited('user.deactivate', agent.userId)).toHaveLength(1);
  });

  it('shows a customer their own organization’s contacts only', async () => {
    const own = await app.organization('かえで工業');
    const customer = await app.user('customer', { organizationId: own });
    const colleague = await app.user('customer', { organizationId: own });
    expect((await users.list(customer)).map((user) => user.id).sort()).toEqual(
      [customer.userId, colleague.userId].sort(),
    );
    await expect(users.get(customer, admin.userId)).rejects.toMatchObject({ code: 'user.not-found' });
    await expect(users.get(admin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'user.not-found',
    });
  });
});
