import type { WallboardService } from '@madoguchi/kpi';
import type {
  AgentPresenceService,
  CallDirection,
  CallOutcome,
  CallQueryService,
  DeskClosureService,
  ImportFormat,
  PresenceState,
  UPLOAD_MISMATCHES,
} from '@madoguchi/telephony';
import type { InquiryCategory } from '@madoguchi/tickets';

import type { Resolved } from '../shared/page-result';
import type { FormState } from '../shared/web-form';

type Call = Resolved<CallQueryService['get']>;

/** An agent's phone desk: their presence toggle, the log-a-call form and today's calls. */
export interface PhonePage extends FormState {
  current: Resolved<AgentPresenceService['current']>;
  states: readonly PresenceState[];
  directions: readonly CallDirection[];
  calls: Call[];
}

/** The live board; the page polls the wallboard API every `refreshSeconds`. */
export interface WallboardPage {
  board: Resolved<WallboardService['now']>;
  refreshSeconds: number;
}

/** A day's calls with agents' availability and the desk's closures. */
export interface CallsPage {
  day: string;
  previousDay: string;
  nextDay: string;
  filters: { outcome: string; agent: string };
  outcomes: readonly CallOutcome[];
  agents: string[];
  calls: Call[];
  truncated: boolean;
  presence: Resolved<AgentPresenceService['intervals']>;
  closures: Resolved<DeskClosureService['list']>;
}

/** One call's timeline, and the form that makes a ticket of it. */
export interface CallPage extends FormState {
  call: Call;
  /** The number's calls this week and its requester's latest tickets (null: no number to look up). */
  caller: Resolved<CallQueryService['callerHistory']>;
  categories: readonly InquiryCategory[];
}

export interface ImportsPage {
  imports: Resolved<CallQueryService['recentImports']>;
  formats: readonly ImportFormat[];
  mismatches: typeof UPLOAD_MISMATCHES;
}

export interface ImportPage {
  report: Resolved<CallQueryService['importReport']>;
  horizon: string | null;
}

export interface ClosuresPage extends FormState {
  closures: Resolved<DeskClosureService['list']>;
}
