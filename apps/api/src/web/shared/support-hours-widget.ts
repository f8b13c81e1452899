import { Injectable } from '@nestjs/common';

import { CalendarService, formatInstant, supportHoursStatus } from '@madoguchi/business-calendar';
import { Clock } from '@madoguchi/common';

import { Language, translator } from '../../i18n/i18n';

export interface SupportHoursView {
  status: string;
  open: boolean;
  closedToday: string | null;
  week: Array<{ day: string; hours: string }>;
  note: string;
}

const SUPPORT_CALENDAR = 'support-hours';

/** The "support hours" box on public pages: open now or when it opens, and the week's hours. */
@Injectable()
export class SupportHoursWidget {
  constructor(
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  async view(language: Language, now = this.clock.now()): Promise<SupportHoursView> {
    const t = translator(language);
    const status = supportHoursStatus(await this.calendars.calendar(SUPPORT_CALENDAR), now);
    const when = (at: number | null) =>
      at === null ? '—' : formatInstant(at, { timeZone: status.timeZone, language, now });
    return {
      open: status.openNow,
      status: status.openNow
        ? t('hours.openNow', { time: when(status.nextCloseAt) })
        : t('hours.closedNow', { time: when(status.nextOpenAt) }),
      closedToday: status.todayClosedBecause ? t('hours.closedToday', { reason: status.todayClosedBecause }) : null,
      week: status.week.map(({ weekday, intervals }) => ({
        day: t(`weekday.${weekday}`),
        hours: intervals.length ? intervals.map((i) => `${i.start}–${i.end}`).join(', ') : t('hours.closedDay'),
      })),
      note: t('hours.note'),
    };
  }
}
