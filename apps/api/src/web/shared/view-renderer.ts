import { join } from 'node:path';

import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';

import { formatDurationForPeople, formatInstant } from '@madoguchi/business-calendar';
import { Clock, DomainError, type Principal, type Role, roleSatisfies } from '@madoguchi/common';

import { formatCivilDay, formatCivilMonth, Language, translator } from '../../i18n/i18n';
import { problemText } from '../../i18n/problem-text';
import { SITE_ASSETS } from './site-assets';

export interface PageContext {
  language: Language;
  /** The zone pages show instants in: the support desk's. */
  timeZone: string;
  principal: Principal | null;
  csrfToken: string | null;
  /** The pre-sign-in forms' CSRF token (see `PageOptions.formToken`). */
  formToken: string | null;
  currentPath: string;
  /** This response's CSP nonces (see `security-headers.ts`): the only inline code its browser runs. */
  nonce: { script: string; style: string };
}

/** `<area>/<name>` → the template `web/<area>/views/<name>.eta`. */
const templateOf = (view: string) => view.replace('/', '/views/');

/**
 * Renders server-side pages with Eta; every value is HTML-escaped unless a template says otherwise.
 * Templates name shared partials from the web folder (`/shared/views/layout`), their own area's relatively.
 */
@Injectable()
export class ViewRenderer {
  private readonly eta = new Eta({ views: join(__dirname, '..'), autoEscape: true, cache: true });

  constructor(private readonly clock: Clock) {}

  render(view: string, page: PageContext, model: object): string {
    // A refused business rule (`error`) is told in the reader's words, its instants in the desk's zone.
    const { error } = model as { error?: unknown };
    const told =
      error instanceof DomainError ? (problemText(error, page.language, page.timeZone) ?? error.message) : error;
    // Filled by the field-errors partials while the page renders; the layout lists it at the top.
    return this.eta.render(templateOf(view), {
      ...model,
      error: told,
      page,
      summary: [],
      ...this.helpers(page, page.principal),
    });
  }

  /**
   * A part of a page that reads the same for everyone of a language: no viewer, no form, no nonce
   * (so no inline script or style). A page can keep it and put it in with `<%~ %>`.
   */
  renderShared(view: string, reader: Pick<PageContext, 'language' | 'timeZone'>, model: object): string {
    return this.eta.render(templateOf(view), { ...model, page: reader, ...this.helpers(reader) });
  }

  private helpers(page: Pick<PageContext, 'language' | 'timeZone'>, principal: Principal | null = null) {
    return {
      t: translator(page.language),
      stylesheet: SITE_ASSETS['site.css'].url,
      // An instant (a Date, ISO text or epoch ms) as people read it; `seconds` where they matter.
      formatDateTime: (value: Date | string | number, options: { seconds?: boolean } = {}) =>
        formatInstant(new Date(value).getTime(), {
          timeZone: page.timeZone,
          language: page.language,
          now: this.clock.now(),
          seconds: options.seconds,
        }),
      formatDay: (day: string) => formatCivilDay(day, page.language),
      // A length of time as people say it (「1時間30分」, "1 h 30 min"), to the minute.
      formatDuration: (milliseconds: number) => formatDurationForPeople(milliseconds, page.language),
      formatMonth: (month: string) => formatCivilMonth(month, page.language),
      can: (role: Role) => principal !== null && roleSatisfies(principal.role, role),
    };
  }
}
