import type { DomainError } from '@madoguchi/common';
import type {
  availabilityPercent,
  DisclosureSnapshot,
  disclosureText,
  KpiReportService,
  metAvailabilityTarget,
  metTarget,
  percent,
  PUBLISHED_KPIS,
  TicketMeasure,
} from '@madoguchi/kpi';
import type { AgentPresenceService } from '@madoguchi/telephony';

import type { Language } from '../../i18n/i18n';
import type { Resolved } from '../shared/page-result';
import type { DashboardRange } from './kpi-range';

type Report = Resolved<KpiReportService['report']>;

/** The tickets behind a ticket KPI of a period, all or only those that met / missed the target. */
export interface KpiTicketsPage {
  measure: TicketMeasure;
  /** The period's query string, for links back to the dashboard. */
  period: string;
  first: string;
  last: string;
  met: boolean | undefined;
  tickets: Resolved<KpiReportService['ticketsBehind']>;
}

/** The managers' dashboard: a period's four KPIs against their targets, the trend, agents, the PBX horizon. */
export interface KpiPage {
  range: Omit<DashboardRange, 'first' | 'last'> & { first: string; last: string };
  quick: Array<{ key: string; query: string }>;
  groupBy: 'day' | 'week';
  today: string;
  report: Report;
  agents: NonNullable<Report['groups']>;
  breaches: Resolved<KpiReportService['breaches']>;
  horizon: Resolved<AgentPresenceService['pbxHorizon']>;
  csvUrl: string;
  /** JSON for the charts' `<script type="application/json">` blocks. */
  byHour: string;
  trend: string;
}

/** What the disclosure pages need to show figures the way the PDF does. */
interface DisclosureFigures {
  kpiNames: typeof PUBLISHED_KPIS;
  text: ReturnType<typeof disclosureText>;
  percent: typeof percent;
  metTarget: typeof metTarget;
  availabilityPercent: typeof availabilityPercent;
  metAvailabilityTarget: typeof metAvailabilityTarget;
}

/** A month's disclosure report, as it will be (or was) published. */
export interface DisclosurePage extends DisclosureFigures {
  snapshot: DisclosureSnapshot;
  published: { publishedAt: Date; isPublic: boolean } | null;
  month: string;
  language: Language;
  error?: DomainError;
}

/** The public list of published reports. */
export interface DisclosuresPage extends DisclosureFigures {
  reports: Array<{ month: string; snapshot: DisclosureSnapshot }>;
}
