import type { INestApplicationContext } from '@nestjs/common';

import { addDays, CalendarService, civilDateOf, weekdayOf, zonedToEpoch } from '@madoguchi/business-calendar';
import { Clock, type RequestContext } from '@madoguchi/common';
import { addCalendarMonths, IncidentService, MaintenanceService, ServiceCatalogService } from '@madoguchi/notices';

/** A clock the demo can wind back to stage past events; it runs on from where it is set. */
export class DemoClock extends Clock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  /** Runs `work` as if it were `at`. */
  async at<T>(at: number, work: () => Promise<T>): Promise<T> {
    this.offset = at - Date.now();
    try {
      return await work();
    } finally {
      this.offset = 0;
    }
  }
}

const MINUTE = 60_000;

/** 01:00 Japan time on the first Saturday on or after `from` (never during support hours). */
function saturdayNight(from: number, zone: string): number {
  let date = civilDateOf(from, zone);
  while (weekdayOf(date) !== 6) date = addDays(date, 1);
  return zonedToEpoch(date.year, date.month, date.day, 60, zone);
}

/** Services, a resolved and an open incident, planned and emergency maintenance; skipped when services exist. */
export async function seedNotices(app: INestApplicationContext, clock: DemoClock, asManager: RequestContext) {
  const services = app.get(ServiceCatalogService);
  if ((await services.list()).length > 0) return;
  const [console_, api, billing] = [
    await services.create(asManager, '管理コンソール', 'Admin console'),
    await services.create(asManager, 'API'),
    await services.create(asManager, '請求・契約', 'Billing and contracts'),
  ];
  const incidents = app.get(IncidentService);
  const now = Date.now();

  const detected = now - 20 * 24 * 60 * MINUTE;
  const resolved = await clock.at(detected + 25 * MINUTE, () =>
    incidents.create(asManager, {
      title: '管理コンソールにログインできない',
      titleEn: 'Cannot sign in to the admin console',
      serviceIds: [console_!.id],
      impact: 'major-outage',
      status: 'investigating',
      detectedAt: new Date(detected),
      message: {
        ja: '一部のお客様が管理コンソールにログインできない事象を調査しています。',
        en: 'Some customers cannot sign in to the console. We are investigating.',
      },
    }),
  );
  await clock.at(detected + 55 * MINUTE, () =>
    incidents.addUpdate(asManager, resolved.id, {
      status: 'identified',
      message: {
        ja: '認証サーバーの証明書更新漏れが原因と判明しました。',
        en: 'An expired certificate on the sign-in server.',
      },
    }),
  );
  await clock.at(detected + 130 * MINUTE, () =>
    incidents.addUpdate(asManager, resolved.id, {
      status: 'resolved',
      message: { ja: '証明書を更新し、復旧しました。', en: 'The certificate was renewed; sign-in works again.' },
    }),
  );

  const openDetected = now - 30 * MINUTE;
  await clock.at(openDetected + 12 * MINUTE, () =>
    incidents.create(asManager, {
      title: 'API の応答遅延',
      titleEn: 'Slow API responses',
      serviceIds: [api!.id],
      impact: 'degraded',
      status: 'identified',
      detectedAt: new Date(openDetected),
      message: {
        ja: 'API の応答が通常より遅くなっています。原因を特定し、対応中です。',
        en: 'API responses are slower than usual. We found the cause and are working on it.',
      },
    }),
  );

  const zone = await app.get(CalendarService).timeZone('support-hours');
  const maintenances = app.get(MaintenanceService);
  const planned = saturdayNight(addCalendarMonths(now, 6, zone) + 24 * 60 * MINUTE, zone);
  await maintenances.announce(asManager, {
    title: '請求システムのデータベース更新',
    titleEn: 'Billing database upgrade',
    serviceIds: [billing!.id],
    startsAt: new Date(planned),
    endsAt: new Date(planned + 4 * 60 * MINUTE),
    kind: 'planned',
    message: {
      ja: 'データベース更新のため、請求・契約画面を停止します。',
      en: 'Billing and contracts are unavailable during a database upgrade.',
    },
  });
  const emergency = saturdayNight(now + 24 * 60 * MINUTE, zone);
  await maintenances.announce(asManager, {
    title: 'API ゲートウェイの緊急更新',
    titleEn: 'Emergency API gateway update',
    serviceIds: [api!.id],
    startsAt: new Date(emergency),
    endsAt: new Date(emergency + 2 * 60 * MINUTE),
    kind: 'emergency',
    reason: '公表された脆弱性への対応のため、6 か月前の告知を待たずに実施します。',
    reasonEn: 'A published vulnerability cannot wait six months’ notice.',
    message: { ja: 'API を最大 2 時間停止します。', en: 'The API stops for up to two hours.' },
  });
  console.log('Seeded services, a resolved and an open incident, planned and emergency maintenance (see /status).');
}
