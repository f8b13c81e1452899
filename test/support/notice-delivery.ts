import { UnitOfWork } from '@madoguchi/database';
import { NoticeOutboxService } from '@madoguchi/notices';

import type { ApiClient } from './api-client';
import type { ApplicationUnderTest } from './application';
import { waitFor } from './wait-for';

export interface Delivery {
  total: number;
  sent: number;
  pending: number;
  failed: number;
  gaveUp: number;
}

/** Publishes a major outage of the first service (created when there is none); the incident's id. */
export async function publishIncident(api: ApiClient, title: string): Promise<string> {
  const services = (await api.get('/api/v1/services')).json.items as Array<{ id: string }>;
  const serviceId = services[0]?.id ?? (await api.post('/api/v1/services', { name: '管理コンソール' })).json.id;
  const created = await api.post('/api/v1/incidents', {
    title,
    serviceIds: [serviceId],
    impact: 'major-outage',
    status: 'investigating',
    message: { ja: '調査しています。', en: 'Investigating.' },
  });
  if (created.status !== 201) throw new Error(`publishing the incident answered ${created.status}: ${created.text}`);
  return created.json.id as string;
}

/** Waits until nothing of the resource's notices is pending (`path`: an incident or a maintenance); its counts. */
export async function settledDelivery(api: ApiClient, path: string): Promise<Delivery> {
  let delivery: Delivery = { total: 0, sent: 0, pending: 1, failed: 0, gaveUp: 0 };
  await waitFor(
    async () => {
      delivery = (await api.get(path)).json.delivery;
      return delivery.pending === 0;
    },
    `every delivery of ${path} settled`,
    180_000,
  );
  return delivery;
}

/** Writes an incident-update notice to the subscribers of `serviceId` in its own transaction, as publishing does; its id. */
export function writeNotice(app: ApplicationUnderTest, serviceId: string, subject: string): Promise<string> {
  const content = {
    ja: { subject, text: `${subject}の本文`, html: `<p>${subject}</p>` },
    en: { subject: `EN ${subject}`, text: 'Body', html: '<p>Body</p>' },
  };
  return app.get(UnitOfWork).run((transaction) =>
    app.get(NoticeOutboxService).write(
      transaction,
      {
        kind: 'incident-update',
        subjectType: 'incident',
        subjectId: serviceId,
        content,
        audience: { serviceIds: [serviceId] },
      },
      Date.now(),
    ),
  );
}
