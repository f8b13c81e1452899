import type {
  IncidentImpact,
  IncidentService,
  IncidentStatus,
  MaintenanceService,
  ServiceChangeService,
  ServiceEntity,
  SubscriberService,
  SubscriptionView,
} from '@madoguchi/notices';
import { inLanguage, reminderPeriod } from '@madoguchi/notices';

import type { Language, MessageKey, Translate } from '../../i18n/i18n';
import type { Resolved } from '../shared/page-result';
import type { PreparedHtml } from '../shared/prepared-html';
import type { FormState } from '../shared/web-form';

/** Service names by id, for lists that name the services an incident or a window touches. */
export type ServiceNames = Record<string, string>;

/** Service names by id, in the reader's language (the Japanese name where no English one was given). */
export const namesOf = (
  services: Array<Pick<ServiceEntity, 'id' | 'name' | 'nameEn'>>,
  language: Language,
): ServiceNames =>
  Object.fromEntries(services.map((service) => [service.id, inLanguage(language, service.name, service.nameEn)]));

/** The public status page: its content, as `StatusPageBody` keeps it (each service's state and history, open incidents and maintenance). */
export interface StatusPage {
  statusHtml: PreparedHtml;
  /** The page's script (a file: the page carries no inline code, so anonymous readers share it whole). */
  statusScript: string;
}

/** The desk's incidents of the last days, and the form that reports one. */
export interface IncidentsPage extends FormState {
  incidents: Resolved<IncidentService['list']>;
  services: ServiceEntity[];
  impacts: readonly IncidentImpact[];
  statuses: readonly IncidentStatus[];
}

/** One incident: its timeline, its notices' delivery, publishing and updating it. */
export interface IncidentPage extends FormState {
  incident: Resolved<IncidentService['get']>;
  /** A draft's: what publishing it would e-mail, and to how many addresses. */
  preview: Resolved<IncidentService['noticePreview']> | null;
  serviceNames: ServiceNames;
  statuses: readonly IncidentStatus[];
}

/** Planned maintenance and service changes, and the form that announces a window under the rules. */
export interface MaintenancePage extends FormState {
  windows: Array<Resolved<MaintenanceService['get']>>;
  /** Each scheduled notice's kind (`reminder-P1M`, `start`) in words. */
  scheduleLabels: Record<string, string>;
  services: ServiceEntity[];
  serviceNames: ServiceNames;
  changes: Resolved<ServiceChangeService['list']>;
  /** The form the shown errors belong to (the page has two). */
  posted: 'maintenance' | 'service-change' | null;
}

/** One maintenance window: its schedule and delivery, and the forms that move it or post new text. */
export interface MaintenanceWindowPage extends FormState {
  window: Resolved<MaintenanceService['get']>;
  serviceNames: ServiceNames;
  scheduleLabels: Record<string, string>;
  /** Neither cancelled nor over: it can still move or get new text. */
  live: boolean;
  /** The form the shown errors belong to. */
  posted: 'reschedule' | 'message' | null;
}

/** Addresses that bounced or complained, held back from notices until an admin releases them. */
export interface QuarantinePage {
  entries: Resolved<SubscriberService['quarantined']>;
  notice?: string;
}

/** A scheduled maintenance notice in words: 「1 か月前のお知らせ」, "Start notice". */
export function scheduledNoticeLabel(t: Translate, kind: string): string {
  const reminder = kind.startsWith('reminder-') ? reminderPeriod(kind.slice('reminder-'.length)) : null;
  if (reminder) {
    const count = reminder.amount === 1 ? 'one' : 'other';
    return t(`maintenance.schedule.reminder.${reminder.unit}.${count}` as MessageKey, {
      amount: String(reminder.amount),
    });
  }
  return t(`maintenance.schedule.${kind}` as MessageKey);
}

/** The form that asks for the status notices by e-mail; once sent, to whom and for how long its link works. */
export interface SubscribePage extends FormState {
  services: Array<{ id: string; name: string }>;
  sent?: { email: string; hours: number };
}

/** A confirmation link's page: what it puts in force (null: unknown, used or expired), and whether it is done. */
export interface SubscriptionConfirmPage {
  token: string;
  subscription: SubscriptionView | null;
  done: boolean;
  serviceNames: string[];
}

/**
 * An unsubscribe link's page: before the button, the subscription it ends (null: ended already);
 * after it (`done`), whether this request ended it (`ended`) or it had ended before.
 */
export interface UnsubscribePage {
  token: string;
  subscription: SubscriptionView | null;
  done: boolean;
  ended: boolean;
}
