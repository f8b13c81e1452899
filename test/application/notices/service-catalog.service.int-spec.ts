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
      { actorId: manager.userId, summary: { name: '請求管理' } },
    ]);
  });
});
