import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { SYSTEM_CONTEXT } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';
import { DirectoryRepository, principalOf } from '@madoguchi/identity';
import { SlaScanService, TicketCommandService, TicketOpenerService } from '@madoguchi/tickets';

import type { TestApp } from '../support/test-app';

export const PASSWORD = 'kpi passphrase 2026';
export const at = (local: string) => Date.parse(`${local}+09:00`);
/** Friday 2026-11-20 to Wednesday 2026-11-25: a weekend and Monday 23rd (勤労感謝の日) in between. */
export const PERIOD = `from=${encodeURIComponent('2026-11-20T00:00:00+09:00')}&to=${encodeURIComponent('2026-11-25T00:00:00+09:00')}`;

/**
 * The hand-built week of the KPI tests (an agent user `agent@example.jp` must exist). Open time: Fri 20 and Tue 24, 9-12 and 13-17 = 14 h. Agent A is available
 * all Friday and Tuesday morning; agent B on Tuesday morning, paused all afternoon; the desk was
 * closed Fri 10:00-10:30. So 9.5 of 14 open hours had an agent and no closure.
 */
export async function buildWeek(t: TestApp) {
  const dataSource = t.app.get(DataSource);
  const presence: Array<[string, string, string, string?]> = [
    ['Agent/A', '2026-11-20T08:30:00', 'available'],
    ['Agent/A', '2026-11-20T17:30:00', 'offline'],
    ['Agent/A', '2026-11-24T09:00:00', 'available'],
    ['Agent/A', '2026-11-24T12:00:00', 'offline'],
    ['Agent/B', '2026-11-24T09:00:00', 'available'],
    ['Agent/B', '2026-11-24T13:00:00', 'paused', 'afternoon off the phones'],
    ['Agent/B', '2026-11-24T17:00:00', 'offline'],
  ];
  for (const [agent, when, state, reason] of presence)
    await dataSource.query(
      `INSERT INTO agent_presence_change (agent, at, state, reason, source) VALUES ($1, $2, $3, $4, 'pbx')`,
      [agent, new Date(at(when)), state, reason ?? null],
    );
  const admin = (await dataSource.query(`SELECT id FROM app_user WHERE role = 'admin' LIMIT 1`))[0].id;
  await dataSource.query(
    `INSERT INTO desk_closure (id, starts_at, ends_at, reason, created_by) VALUES ($1, $2, $3, 'PBX 障害', $4)`,
    [randomUUID(), new Date(at('2026-11-20T10:00:00')), new Date(at('2026-11-20T10:30:00')), admin],
  );

  // [entered, outcome, wait, talk, source]; answered calls are answered `wait` seconds after entering.
  const calls: Array<[string, string | null, number | null, number | null, string?]> = [
    ['2026-11-20T09:10:00', 'answered', 20, 300], // within the 30 s target
    ['2026-11-20T09:20:00', 'answered', 45, 120],
    ['2026-11-20T09:30:00', 'abandoned', 3, null], // a short abandon once the threshold is 5 s
    ['2026-11-20T09:40:00', 'abandoned', 40, null],
    ['2026-11-20T11:59:50', 'answered', 3620, 100], // entered while open, answered 13:00:10 after lunch
    ['2026-11-20T12:30:00', 'abandoned', 10, null], // entered during lunch: not offered
    ['2026-11-21T10:00:00', 'answered', 5, 60], // Saturday: not offered
    ['2026-11-23T10:00:00', 'answered', 5, 60], // public holiday: not offered
    ['2026-11-24T10:00:00', 'timeout', 300, null],
    ['2026-11-24T10:05:00', null, null, null], // still waiting: not offered until it ends
    ['2026-11-24T10:10:00', 'answered', 0, 90, 'manual'], // logged by hand, not a queue call
    ['2026-11-24T14:00:00', 'answered', 10, 200],
  ];
  for (const [entered, outcome, wait, talk, source] of calls) {
    const enteredAt = at(entered);
    const answeredAt = outcome === 'answered' ? enteredAt + wait! * 1000 : null;
    await dataSource.query(
      `INSERT INTO telephony_call (id, source, pbx_call_id, queue, entered_at, answered_at, ended_at, outcome,
                                   wait_seconds, talk_seconds, agent)
       VALUES ($1, $2, $3, 'support', $4, $5, $6, $7, $8, $9, 'Agent/A')`,
      [
        randomUUID(),
        source ?? 'asterisk',
        entered,
        new Date(enteredAt),
        answeredAt === null ? null : new Date(answeredAt),
        outcome === null ? null : new Date((answeredAt ?? enteredAt + (wait ?? 0) * 1000) + (talk ?? 0) * 1000),
        outcome,
        wait,
        talk,
      ],
    );
  }

  const agentUser = await t.app.get(DirectoryRepository).userByEmail('agent@example.jp');
  const agent = { ...SYSTEM_CONTEXT, actor: principalOf(agentUser!) };
  const commands = t.app.get(TicketCommandService);
  const open = async (channel: 'web' | 'email' | 'phone', created: string) =>
    (
      await t.app.get(UnitOfWork).run((transaction) =>
        t.app.get(TicketOpenerService).open(
          transaction,
          SYSTEM_CONTEXT,
          {
            organizationId: null,
            requesterId: null,
            requesterName: '顧客',
            requesterEmail: 'customer@example.jp',
            requesterCompany: null,
            requesterPhone: null,
            requesterLanguage: 'ja',
            channel,
            category: 'general',
            subject: `${channel} ${created}`,
            body: '問い合わせ',
          },
          at(created),
        ),
      )
    ).id;
  const reply = (id: string, when: string) => commands.addMessage(agent, id, { body: '回答します' }, at(when));
  const status = (id: string, to: 'pending' | 'open' | 'solved', when: string) =>
    commands.update(agent, id, { status: to }, at(when));

  // T1 web Fri 09:00: first response due Fri 14:00, answered 11:00; solved Fri 15:00 (due Wed 17:00).
  const t1 = await open('web', '2026-11-20T09:00:00');
  await reply(t1, '2026-11-20T11:00:00');
  await status(t1, 'solved', '2026-11-20T15:00:00');
  // Reopened by the agent at 16:00 and solved again at 16:30: one reopen, and T1 resolved in 6.5 business hours.
  await status(t1, 'open', '2026-11-20T16:00:00');
  await status(t1, 'solved', '2026-11-20T16:30:00');
  // T2 web Fri 15:00: due Tue 11:00 (weekend and holiday skipped), answered late Tue 13:30.
  const t2 = await open('web', '2026-11-20T15:00:00');
  await reply(t2, '2026-11-24T13:30:00');
  // T3 e-mail Thu 16:00: due Fri 12:00, never answered.
  await open('email', '2026-11-19T16:00:00');
  // T4 web Tue 16:00: due Wed 12:00, after the period.
  await open('web', '2026-11-24T16:00:00');
  // T5 phone Fri 10:00: phone tickets are measured by their calls, not here; due Fri 14:00, never answered.
  await open('phone', '2026-11-20T10:00:00');
  // T6 web Thu 19 09:00: resolution due Tue 17:00, moved 7 business hours by Thu 11:00 - Fri 11:00 pending
  // to Wed 17:00, so solving Tue 17:30 is in time.
  const t6 = await open('web', '2026-11-19T09:00:00');
  await reply(t6, '2026-11-19T10:00:00');
  await status(t6, 'pending', '2026-11-19T11:00:00');
  await status(t6, 'open', '2026-11-20T11:00:00');
  await status(t6, 'solved', '2026-11-24T17:30:00');
  // T7 web Fri 09:30: first response due Fri 14:30, answered 09:45; solved Tue 10:00 (due Thu 09:30).
  const t7 = await open('web', '2026-11-20T09:30:00');
  await reply(t7, '2026-11-20T09:45:00');
  await status(t7, 'solved', '2026-11-24T10:00:00');
  // T8 web Tue 17th 09:00: resolution due Thu 19 17:00, solved late Fri 10:00.
  const t8 = await open('web', '2026-11-17T09:00:00');
  await reply(t8, '2026-11-17T09:30:00');
  await status(t8, 'solved', '2026-11-20T10:00:00');

  await t.app.get(SlaScanService).scan(at('2026-11-25T10:00:00'));
}
