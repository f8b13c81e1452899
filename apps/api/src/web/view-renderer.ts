import { join } from 'node:path';

import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';

import type { Principal, Role } from '@madoguchi/common';
import { roleSatisfies } from '@madoguchi/common';

import { formatCivilDay, formatCivilMonth, formatDateTime, Language, translator } from './i18n';

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

  render(template: string, page: PageContext, data: Record<string, unknown> = {}): string {
    return this.eta.render(template, {
      ...data,
      page,
      t: translator(page.language),
      formatDateTime: (date: Date) => formatDateTime(date, page.language),
      formatDay: (day: string) => formatCivilDay(day, page.language),
      formatMonth: (month: string) => formatCivilMonth(month, page.language),
      can: (role: Role) => page.principal !== null && roleSatisfies(page.principal.role, role),
    });
  }
}
