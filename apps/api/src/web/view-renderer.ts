import { join } from 'node:path';

import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';

import { formatInstant } from '@madoguchi/business-calendar';
import { Clock, type Principal, type Role, roleSatisfies } from '@madoguchi/common';

import { formatCivilDay, formatCivilMonth, Language, translator } from './i18n';

/** The desk's zone, in which pages show instants (the support-hours calendar's). */
const DESK_TIME_ZONE = 'Asia/Tokyo';

export interface PageContext {
  language: Language;
  principal: Principal | null;
  csrfToken: string | null;
  currentPath: string;
}

/** Renders server-side pages with Eta; every value is HTML-escaped unless a template says otherwise. */
@Injectable()
export class ViewRenderer {
  private readonly eta = new Eta({ views: join(__dirname, 'views'), autoEscape: true, cache: true });

  constructor(private readonly clock: Clock) {}

  render(template: string, page: PageContext, data: Record<string, unknown> = {}): string {
    return this.eta.render(template, {
      ...data,
      page,
      t: translator(page.language),
      // An instant (a Date, ISO text or epoch ms) as people read it; `seconds` where they matter.
      formatDateTime: (value: Date | string | number, options: { seconds?: boolean } = {}) =>
        formatInstant(new Date(value).getTime(), {
          timeZone: DESK_TIME_ZONE,
          language: page.language,
          now: this.clock.now(),
          seconds: options.seconds,
        }),
      formatDay: (day: string) => formatCivilDay(day, page.language),
      formatMonth: (month: string) => formatCivilMonth(month, page.language),
      can: (role: Role) => page.principal !== null && roleSatisfies(page.principal.role, role),
    });
  }
}
