import type {
  CannedReply,
  InquiryCategory,
  NotificationService,
  SlaClockView,
  TicketChannel,
  TicketHistoryService,
  TicketPriority,
  TicketQueryService,
  TicketStatus,
} from '@madoguchi/tickets';

import type { Resolved } from '../shared/page-result';
import type { FormState } from '../shared/web-form';

export type TicketDetail = Awaited<ReturnType<TicketQueryService['get']>>;
type TicketListItem = Awaited<ReturnType<TicketQueryService['list']>>['items'][number];

export const DESK_QUEUES = ['mine', 'groups', 'unassigned', 'open'] as const;
export type DeskQueue = (typeof DESK_QUEUES)[number];

export const DESK_SORTS = ['due', 'created', 'updated'] as const;
export type DeskSort = (typeof DESK_SORTS)[number];

/** The desk's filters besides the queue: empty means any (status: any open one). */
export interface DeskFilters {
  priority?: TicketPriority;
  category?: InquiryCategory;
  channel?: TicketChannel;
  status?: TicketStatus;
  assignee?: string;
  group?: string;
  tag?: string;
  /** What the agent typed in the organization filter (a chosen candidate: its name). */
  organization: string;
  sort: DeskSort;
}

/** The organization filter, resolved: the organizations it stands for, and what to show of them. */
export interface DeskOrganizationFilter {
  typed: string;
  /** undefined: no organization filter (nothing typed, or too many matches). */
  ids: string[] | undefined;
  matches: { items: Array<{ id: string; name: string; code: string | null }>; tooMany: boolean } | null;
}

/** Why a bulk action changed nothing: no ticket ticked, no change chosen, or what it named was refused. */
export const DESK_BULK_PROBLEMS = ['no-tickets', 'no-change', 'refused'] as const;

/** What the last bulk action did, as its redirect tells. */
export interface DeskBulkOutcome {
  updated: number;
  /** Refused tickets: the number (`?` if not visible) and why, in the reader's language. */
  failed: Array<{ number: string; reason: string }>;
  problem: (typeof DESK_BULK_PROBLEMS)[number] | null;
}

/** A row of the desk: the ticket and its running SLA clock. */
export interface DeskRow extends TicketListItem {
  dueAt: number;
  overdue: boolean;
  /** Business time left, as people read it; null while the clock stands still. */
  remaining: string | null;
}

/** The agents' queue: the open tickets of a queue, most urgent first. */
export interface DeskPage {
  rows: DeskRow[];
  /** Assignees' names by id, for the rows. */
  staffNames: Record<string, string>;
  /** How many tickets each queue holds under the current filters. */
  counts: Record<DeskQueue, number>;
  /** The next page's address, and the first page's when this is not it. */
  next: string | null;
  first: string | null;
  /** The viewer's saved views, and the filters the save form keeps. */
  views: Array<{ id: string; name: string; query: string }>;
  viewQuery: Record<string, string>;
  /** The viewer's unread notifications (the link to the list says how many). */
  unreadNotifications: number;
  queues: readonly DeskQueue[];
  current: DeskQueue;
  /** The viewer's groups: the live feed tells which new tickets belong in the groups queue. */
  groupIds: string[];
  search: string;
  filters: DeskFilters;
  /** The organizations the filter stands for, each with the link that narrows to it alone. */
  organizations: {
    items: Array<{ id: string; name: string; code: string | null; href: string }>;
    tooMany: boolean;
  } | null;
  bulk: DeskBulkOutcome | null;
  /** This list's address (the bulk form comes back to it). */
  back: string;
  /** Managers keep the tag list (the desk links to it). */
  mayKeepTags: boolean;
  options: {
    priority: readonly TicketPriority[];
    category: readonly InquiryCategory[];
    channel: readonly TicketChannel[];
    status: readonly TicketStatus[];
    sort: readonly DeskSort[];
    people: Array<{ id: string; name: string }>;
    groups: Array<{ id: string; name: string }>;
    tags: string[];
  };
}

/** One ticket's thread; for staff also the controls and canned replies. */
export interface TicketPage extends FormState {
  ticket: TicketDetail;
  /** Staff only: the side panel. */
  panel: TicketPanel | null;
  /** Set on a merged duplicate: the ticket its conversation continues on. */
  mergedInto: { id: string; number: string } | null;
  /** Names of the agents who wrote in the thread and of the assignee, by user id. */
  staffNames: Record<string, string>;
  staff: boolean;
  cannedReplies: Array<{ id: string; title: string; body: string }>;
  statuses: readonly TicketStatus[];
  priorities: readonly TicketPriority[];
  /** Staff only: whom and which group the ticket may be handed to (active staff, every group). */
  assignable: { people: Array<{ id: string; name: string }>; groups: Array<{ id: string; name: string }> };
}

/** The viewer's notifications, newest first: customer replies on their tickets, tickets assigned to them. */
export interface NotificationsPage {
  notifications: Resolved<NotificationService['list']>;
  /** Which kinds also come by e-mail. */
  mail: Resolved<NotificationService['mailSettings']>;
  notice?: string;
}

/** The desk's tag list and the form that adds to it (managers). */
export interface TagsPage extends FormState {
  tags: Array<{ id: string; name: string }>;
}

/** The canned replies the viewer sees, the one being edited (or null), and the add form. */
export interface CannedRepliesPage extends FormState {
  replies: CannedReply[];
  editing: CannedReply | null;
  /** Managers may keep shared replies; agents keep personal ones only. */
  mayShare: boolean;
  /** The placeholders a text may use, as they are typed. */
  placeholders: string[];
}

type TicketClock = SlaClockView & { remaining: string | null };

/** The ticket page's side panel (staff): the requester's other tickets, both clocks, calls, history. */
export interface TicketPanel {
  organization: string | null;
  otherTickets: Array<{ id: string; number: string; subject: string; status: TicketStatus }>;
  calls: Array<{
    id: string;
    enteredAt: string | null;
    direction: string;
    outcome: string | null;
    agent: string | null;
  }>;
  clocks: { firstResponse: TicketClock; resolution: TicketClock };
  history: Resolved<TicketHistoryService['list']>;
  /** The desk's tag list: what the ticket's tag form offers. */
  tagList: string[];
}
