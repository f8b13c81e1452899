import { Injectable } from '@nestjs/common';

import { CalendarService } from '@madoguchi/business-calendar';
import { encodeKeysetCursor, type KeysetCursor, type Principal } from '@madoguchi/common';
import { phoneDigits, TicketQueryService } from '@madoguchi/tickets';

import { callNotFound, importNotFound } from '../domain/telephony.errors';
import { type CallFilter, CallRepository } from '../infrastructure/call.repository';
import { TelephonyImportRepository } from '../infrastructure/telephony-import.repository';
import { callView, importView } from './telephony-views';

export type { CallFilter };

/** A caller's history looks back a week, and names their latest tickets. */
const CALLER_WINDOW_MS = 7 * 86_400_000;
const CALLER_TICKETS = 5;
/** Numbers shorter than an area code and subscriber number are extensions or withheld: no lookup. */
const MIN_CALLER_DIGITS = 10;

/** Reading calls and imports (staff only; the controllers enforce roles). Calls run oldest first, as in the log. */
@Injectable()
export class CallQueryService {
  constructor(
    private readonly calls: CallRepository,
    private readonly imports: TelephonyImportRepository,
    private readonly calendars: CalendarService,
    private readonly tickets: TicketQueryService,
  ) {}

  /**
   * What the desk knows of a caller, for the call's page: how often the number called in the last
   * 7 days, and the latest tickets whose requester gave it. Null for a withheld or short number.
   */
  async callerHistory(viewer: Principal, callerNumber: string | null, now: number) {
    const digits = callerNumber ? phoneDigits(callerNumber) : '';
    if (digits.length < MIN_CALLER_DIGITS) return null;
    const [callsThisWeek, tickets] = await Promise.all([
      this.calls.countFrom(digits, new Date(now - CALLER_WINDOW_MS)),
      this.tickets.list(viewer, { requesterPhone: digits }, CALLER_TICKETS),
    ]);
    return {
      callsThisWeek,
      tickets: tickets.items.map(({ id, number, subject, status, requester }) => ({
        id,
        number,
        subject,
        status,
        requesterName: requester.name,
      })),
    };
  }

  async list(filter: CallFilter, limit: number, after?: KeysetCursor) {
    const rows = await this.calls.list(filter, limit + 1, after);
    const page = rows.slice(0, limit);
    const zone = await this.calendars.timeZone('support-hours');
    const last = page.at(-1);
    return {
      items: page.map((call) => callView(call, zone)),
      nextCursor:
        rows.length > limit && last ? encodeKeysetCursor({ at: last.enteredAt!.toISOString(), id: last.id }) : null,
    };
  }

  async get(id: string) {
    const call = await this.calls.find(id);
    if (!call) throw callNotFound(id);
    return callView(call, await this.calendars.timeZone('support-hours'));
  }

  /** Distinct agent names seen on calls, for filters. */
  agents(): Promise<string[]> {
    return this.calls.agents();
  }

  async importReport(id: string) {
    const job = await this.imports.find(id);
    if (!job) throw importNotFound(id);
    return importView(job, await this.calendars.timeZone('support-hours'));
  }

  async recentImports(limit = 20) {
    const jobs = await this.imports.recent(limit);
    const zone = await this.calendars.timeZone('support-hours');
    return jobs.map((job) => importView(job, zone));
  }
}
