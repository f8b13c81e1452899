import { ServiceCatalogService } from '@madoguchi/notices';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('ServiceCatalogService', () => {
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    app = await startApplication();
  });

  afterAll(() => app?.close());

  it('adds a service, operational, once per name, audited', async () => {
    const manager = await app.user('manager');
    const services = app.get(ServiceCatalogService);
    const created = await services.create(app.as(manager), '請求管理');
    expect(created).toMatchObject({ name: '請求管理', status: 'operational' });
    expect((await services.list()).map((service) => service.name)).toContain('請求管理');
    await expect(services.create(app.as(manager), '請求管理')).rejects.toMatchObject({ code: 'service.name-taken' });
    expect(await app.audited('service.create', created.id)).toEqual([
      { actorId: manager.userId, summary: { name: '請求管理', nameEn: null } },
    ]);
  });

  it('names a service in English too, renames it in either language, and refuses a name another service has', async () => {
    const manager = await app.user('manager');
    const services = app.get(ServiceCatalogService);
    const created = await services.create(app.as(manager), '管理画面', '  Admin console ');
    expect(created).toMatchObject({ name: '管理画面', nameEn: 'Admin console' });
    const other = await services.create(app.as(manager), 'API');

    expect(await services.rename(app.as(manager), created.id, { nameEn: 'Console' })).toMatchObject({
      name: '管理画面',
      nameEn: 'Console',
    });
    expect(await services.rename(app.as(manager), created.id, { name: '管理コンソール', nameEn: '' })).toMatchObject({
      name: '管理コンソール',
      nameEn: null,
    });
    await expect(services.rename(app.as(manager), other.id, { name: '管理コンソール' })).rejects.toMatchObject({
      code: 'service.name-taken',
    });
    expect((await services.list()).find((service) => service.id === other.id)).toMatchObject({ name: 'API' });
    await expect(
      services.rename(app.as(manager), '00000000-0000-4000-8000-000000000000', { name: 'x' }),
    ).rejects.toMatchObject({ code: 'service.not-found' });
    expect(await app.audited('service.rename', created.id)).toEqual([
      {
        actorId: manager.userId,
        summary: { from: { name: '管理画面', nameEn: 'Admin console' }, to: { name: '管理画面', nameEn: 'Console' } },
      },
      {
        actorId: manager.userId,
        summary: { from: { name: '管理画面', nameEn: 'Console' }, to: { name: '管理コンソール', nameEn: null } },
      },
    ]);
  });
});
