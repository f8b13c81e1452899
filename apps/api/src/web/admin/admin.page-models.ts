import type { AuditEntry } from '@madoguchi/audit';
import type { CalendarDefinition, Weekday } from '@madoguchi/business-calendar';
import type { OrganizationEntity, SecondFactorStatus, UserEntity } from '@madoguchi/identity';
import type { ServiceEntity, SubscriberService } from '@madoguchi/notices';
import type {
  AgentGroupService,
  InquiryCategory,
  SlaPolicyService,
  TicketChannel,
  TicketPriority,
} from '@madoguchi/tickets';

import type { Resolved } from '../shared/page-result';
import type { FormState } from '../shared/web-form';

export interface OrganizationsPage extends FormState {
  organizations: OrganizationEntity[];
}

/** One organization: its name and code, which services' notices it gets, and extra notice recipients. */
export interface OrganizationEditPage extends FormState {
  organization: OrganizationEntity;
  services: ServiceEntity[];
  uses: Resolved<SubscriberService['organizationServices']>;
  recipients: Resolved<SubscriberService['extraRecipients']>;
  recipientForm: FormState;
}

export interface UsersPage extends FormState {
  users: UserEntity[];
  organizations: OrganizationEntity[];
}

export interface UserEditPage extends FormState {
  user: UserEntity;
  organizations: OrganizationEntity[];
  secondFactor: SecondFactorStatus;
}

/** The kinds of things the audit log names, each with its words (`audit.target.<type>`) and, where it has one, its page. */
export const AUDIT_TARGET_PAGES = {
  access_token: null,
  agent_group: (id: string) => `/groups/${id}`,
  business_calendar: (id: string) => `/calendars/${id}`,
  call: (id: string) => `/phone/calls/${id}`,
  canned_reply: null,
  'desk-closure': () => '/phone/closures',
  'disclosure-report': (id: string) => `/kpi/disclosure?month=${id}`,
  incident: (id: string) => `/incidents/${id}`,
  'kpi-definition': () => '/kpi',
  mail: null,
  'mail-address': () => '/admin/quarantine',
  maintenance: (id: string) => `/maintenance#maintenance-${id}`,
  organization: (id: string) => `/admin/organizations/${id}`,
  service: null,
  'service-change': () => '/maintenance',
  sla_policy: (id: string) => `/sla-policies/${id}`,
  'telephony-import': (id: string) => `/phone/imports/${id}`,
  ticket: (id: string) => `/desk/tickets/${id}`,
  user: (id: string) => `/admin/users/${id}`,
} satisfies Record<string, ((id: string) => string) | null>;
export type AuditTargetType = keyof typeof AUDIT_TARGET_PAGES;

/** An audit entry as the page shows it: who did it and to what, by name and linked. */
export interface AuditRow extends AuditEntry {
  actor: { name: string; href: string | null } | null;
  target: { kind: string | null; name: string | null; href: string | null } | null;
}

/** A page of the audit log, newest first, with the filter that chose it. */
export interface AuditPage extends FormState {
  entries: AuditRow[];
  nextCursor: string | null;
  /** The filter as a query string, for the "older" link; and as the export API takes it. */
  filterQuery: string;
  exportQuery: string;
}

type Group = Resolved<AgentGroupService['list']>[number];

/** Agent groups with their members' names; `group` is the one being edited, if any. */
export interface GroupsPage extends FormState {
  groups: Array<Group & { memberNames: string[] }>;
  group: Group | null;
  staff: UserEntity[];
}

type Policy = Resolved<SlaPolicyService['list']>[number] & {
  calendarName: string;
  firstResponseLabel: string;
  resolutionLabel: string;
};

/** SLA policies in the order they are tried; `policy` is the one being edited, if any. */
export interface SlaPoliciesPage extends FormState {
  policies: Policy[];
  policy: Policy | undefined;
  calendars: CalendarDefinition[];
  organizationNames: Record<string, string>;
  /** What a business day is in each calendar, for reading the targets. */
  businessDays: Array<{ calendar: string; hours: string; days: string }>;
  options: {
    priority: readonly TicketPriority[];
    category: readonly InquiryCategory[];
    channel: readonly TicketChannel[];
  };
}

export interface CalendarsPage extends FormState {
  calendars: CalendarDefinition[];
}

/** One calendar's weekly hours and closures, with the next 30 days as they will be. */
export interface CalendarEditPage extends FormState {
  calendar: CalendarDefinition;
  weekdays: readonly Weekday[];
  /** Interval slots per weekday in the grid. */
  slots: number;
  /** The next days, `date` a civil date (YYYY-MM-DD) the page writes out in words. */
  preview: Array<{ date: string; hours: string }>;
}
