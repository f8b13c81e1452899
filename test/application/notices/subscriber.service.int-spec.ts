import type { Principal } from '@madoguchi/common';
import { ServiceCatalogService, SubscriberService } from '@madoguchi/notices';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('SubscriberService', () => {
  let app: ApplicationUnderTest;
  let subscribers: SubscriberService;
  let admin: Principal;
  let organizationId: string;

  beforeAll(async () => {
    app = await startApplication();
    subscribers = app.get(SubscriberService);
    admin = await app.user('admin');
    organizationId = await app.organization();
  });

  afterAll(() => app?.close());

  it('narrows an organization to some services and widens it back with an empty list', async () => {
    const billing = (await app.get(ServiceCatalogService).create(app.as(admin), '請求')).id;
    expect(await subscribers.organizationServices(organizationId)).toEqual({
      organizationId,
      allServices: true,
      serviceIds: [],
    });
    expect(await subscribers.setOrganizationServices(app.as(admin), organizationId, [billing])).toEqual({
      organizationId,
      allServices: false,
      serviceIds: [billing],
    });
    expect(await subscribers.setOrganizationServices(app.as(admin), organizationId, [])).toMatchObject({
      allServices: true,
    });
    await expect(
      subscribers.setOrganizationServices(app.as(admin), organizationId, ['00000000-0000-4000-8000-000000000000']),
    ).rejects.toMatchObject({ fieldProblems: [{ field: 'serviceIds' }] });
    expect(await app.audited('organization.services.set', organizationId)).toHaveLength(2);
  });

  it('adds an extra notice address once (case aside) and removes it', async () => {
    const added = await subscribers.addExtraRecipient(app.as(admin), organizationId, {
      email: 'OnCall@Sakura.example',
      language: 'en',
    });
    expect(added).toMatchObject({ email: 'oncall@sakura.example', language: 'en' });
    await expect(
      subscribers.addExtraRecipient(app.as(admin), organizationId, { email: 'oncall@sakura.example', language: 'ja' }),
    ).rejects.toMatchObject({ code: 'notice-recipient.taken' });
    expect((await subscribers.extraRecipients(organizationId)).map((recipient) => recipient.id)).toEqual([added.id]);
    await subscribers.removeExtraRecipient(app.as(admin), organizationId, added.id);
    expect(await subscribers.extraRecipients(organizationId)).toEqual([]);
    await expect(subscribers.removeExtraRecipient(app.as(admin), organizationId, added.id)).rejects.toMatchObject({
      code: 'notice-recipient.not-found',
    });
    await expect(
      subscribers.addExtraRecipient(app.as(admin), '00000000-0000-4000-8000-000000000000', {
        email: 'x@example.jp',
        language: 'ja',
      }),
    ).rejects.toMatchObject({ code: 'organization.not-found' });
  });

  it('releases a quarantined address, and says so when it was not', async () => {
    await app.query(
      `INSERT INTO mail_quarantine (email, reason, quarantined_at) VALUES ('gone@example.jp', '550 no such user', now())`,
    );
    expect((await subscribers.quarantined()).map((entry) => entry.email)).toContain('gone@example.jp');
    await subscribers.release(app.as(admin), 'gone@example.jp');
    expect((await subscribers.quarantined()).map((entry) => entry.email)).not.toContain('gone@example.jp');
    await expect(subscribers.release(app.as(admin), 'gone@example.jp')).rejects.toMatchObject({
      code: 'quarantine.not-found',
    });
  });
});
