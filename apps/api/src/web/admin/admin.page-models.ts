import type { AuditEntry } from '@madoguchi/audit';
import type { CalendarDefinition, Weekday } from '@madoguchi/business-calendar';
import type { OrganizationEntity, UserEntity } from '@madoguchi/identity';
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
}

/** A page of the audit log, newest first, with the filter that chose it. */
export interface AuditPage extends FormState {
  entries: AuditEntry[];
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
  preview: Array<{ date: string; hours: string }>;
}
