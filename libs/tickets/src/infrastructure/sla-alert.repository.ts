import { Injectable } from '@nestjs/common';

import { managerOf, type Transaction } from '@madoguchi/database';

import type { SlaAlertKind, SlaClock } from '../domain/sla';

/** Which tickets each alert applies to, and the column holding the instant that raises it. */
const RULES: Record<SlaClock, Record<SlaAlertKind, { instant: string; applies: string }>> = {
  'first-response': {
    warning: {
      instant: 'first_response_warn_at',
      applies: `first_responded_at IS NULL AND status NOT IN ('solved', 'closed')`,
    },
    breach: {
      instant: 'first_response_due_at',
      applies: `first_responded_at IS NULL AND status NOT IN ('solved', 'closed')`,
    },
  },
  // The resolution clock stands still while the ticket is pending on the customer.
  resolution: {
    warning: { instant: 'resolution_warn_at', applies: `status IN ('new', 'open')` },
    breach: { instant: 'resolution_due_at', applies: `status IN ('new', 'open')` },
  },
};

/** An alert newly raised, with what its e-mails tell. */
export interface MarkedSlaAlert {
  ticketId: string;
  number: string;
  subject: string;
  assigneeId: string | null;
  dueAt: Date;
}

/**
 * `sla_alert`: one row per ticket, clock and kind, so raising an alert (INSERT … ON CONFLICT DO
 * NOTHING) and deciding it is new are one step — concurrent or repeated scans cannot double one.
 */
@Injectable()
export class SlaAlertRepository {
  /** Marks the tickets whose `clock` has reached its `kind` instant by `now`; the ones newly marked. */
  async mark(transaction: Transaction, clock: SlaClock, kind: SlaAlertKind, now: Date): Promise<MarkedSlaAlert[]> {
    const rule = RULES[clock][kind];
    const rows = (await managerOf(transaction).query(
      `WITH marked AS (
         INSERT INTO sla_alert (ticket_id, clock, kind, due_at, raised_at)
         SELECT id, $1, $2, ${rule.instant}, $3 FROM ticket WHERE ${rule.applies} AND ${rule.instant} <= $3
         ON CONFLICT DO NOTHING
         RETURNING ticket_id, due_at)
       SELECT m.ticket_id AS "ticketId", t.number, t.subject, t.assignee_id AS "assigneeId", m.due_at AS "dueAt"
         FROM marked m JOIN ticket t ON t.id = m.ticket_id
        ORDER BY m.due_at, m.ticket_id`,
      [clock, kind, now],
    )) as MarkedSlaAlert[];
    return rows.map((row) => ({ ...row, dueAt: new Date(row.dueAt) }));
  }

  /** Who hears of an alert: the assignee; managers too on a breach, or when nobody is assigned. */
  /** Who hears of an alert: the assignee, and the managers on a breach or when nobody is assigned. */
  async recipients(transaction: Transaction, assigneeId: string | null, breach: boolean): Promise<string[]> {
    const rows = (await managerOf(transaction).query(
      `SELECT id FROM app_user WHERE active AND (id = $1 OR (role = 'manager' AND ($2 OR $1::uuid IS NULL)))`,
      [assigneeId, breach],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }
}
