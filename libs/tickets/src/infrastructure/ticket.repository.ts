import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';

import type { Principal } from '@madoguchi/common';
import {
  type AtomicStatement,
  containing,
  hydrateRows,
  managerOf,
  runnerOf,
  type Transaction,
} from '@madoguchi/database';

import type { TicketDraft, TicketStatus } from '../domain/ticket';
import type { TicketUpdate } from '../domain/ticket-lifecycle';
import { ticketSearchTerms } from '../domain/ticket-search';
import { TicketEntity } from './ticket.entity';
import { TicketEventEntity } from './ticket-event.entity';
import { TicketMessageEntity } from './ticket-message.entity';

/** A ticket's changed columns: the lifecycle's, plus who works on it, stamped with the time. */
export interface TicketChangeSet extends TicketUpdate {
  assigneeId?: string | null;
  groupId?: string | null;
  mergedIntoId?: string;
  updatedAt: Date;
}

export interface NewMessage {
  id: string;
  ticketId: string;
  authorId: string | null;
  authorKind: 'agent' | 'requester';
  body: string;
  internal: boolean;
  createdAt: Date;
}

export interface NewTicketEvent {
  ticketId: string;
  actorId: string | null;
  kind: string;
  data: Record<string, unknown>;
  /** The application's clock; the database's now when absent. */
  occurredAt?: Date;
}

export interface TicketFilter {
  statuses?: TicketStatus[];
  assigneeId?: string;
  /** Only tickets nobody is assigned to. */
  unassigned?: boolean;
  /** Tickets assigned to any of these groups. */
  groupIds?: string[];
  /** Tickets of any of these organizations. */
  organizationIds?: string[];
  /** Tickets this person asked (the portal's "mine"). */
  requesterId?: string;
  /** Tickets from this address (accounts or not: a caller's earlier e-mails too). */
  requesterEmail?: string;
  /** Tickets whose requester's phone has these digits (as `phoneDigits` normalises them). */
  requesterPhone?: string;
  priority?: string;
  category?: string;
  channel?: string;
  /** Tickets carrying the tag of this name (case aside). */
  tag?: string;
  /** Substring of subject, requester name/e-mail/company or a message body (internal notes for staff only). */
  search?: string;
}

/**
 * `created` / `updated`: newest first; `due`: the clock running out first (first response, else
 * resolution). Each is keyset-paginated on its key and the id.
 */
export type TicketSort = 'created' | 'due' | 'updated';

const SORT_KEYS: Record<TicketSort, { key: string; direction: 'ASC' | 'DESC' }> = {
  created: { key: 't.created_at', direction: 'DESC' },
  updated: { key: 't.updated_at', direction: 'DESC' },
  due: {
    key: `(CASE WHEN t.first_responded_at IS NULL THEN t.first_response_due_at ELSE t.resolution_due_at END)`,
    direction: 'ASC',
  },
};

// The expression of ticket_search_trgm_idx (migration PhoneRequesters), character for character.
const searchable = (alias: string) =>
  `(${alias}.subject || ' ' || ${alias}.requester_name || ' ' || coalesce(${alias}.requester_email, '') || ' ' || coalesce(${alias}.requester_company, ''))`;

// The indexed expressions of migration TicketLookup: a number's sequence, a phone number's digits.
const numberSequence = (alias: string) => `CAST(split_part(${alias}.number, '-', 3) AS bigint)`;
const requesterPhone = (alias: string) =>
  `regexp_replace(regexp_replace(${alias}.requester_phone, '[^0-9]', '', 'g'), '^81(?=[0-9]{9})', '0')`;

/** The query's tickets, each with its tag names, read in the same statement. */
async function withTagNames(
  dataSource: DataSource,
  query: SelectQueryBuilder<TicketEntity>,
): Promise<Array<{ ticket: TicketEntity; tags: string[] }>> {
  const rows = await query
    .addSelect(
      `ARRAY(SELECT g.name FROM ticket_tag tt JOIN tag g ON g.id = tt.tag_id WHERE tt.ticket_id = t.id ORDER BY lower(g.name) COLLATE "C")`,
      'tag_names',
    )
    .getRawMany<Record<string, unknown> & { tag_names: string[] | null }>();
  const tickets = hydrateRows(dataSource, TicketEntity, 't', rows);
  return tickets.map((ticket, index) => ({ ticket, tags: rows[index]!.tag_names ?? [] }));
}

/** A draft with everything the system adds: ids, number year, SLA times. */
export interface NewTicket extends TicketDraft {
  id: string;
  number: string;
  messageId: string;
  calendarId: string;
  firstResponseDueAt: Date;
  firstResponseWarnAt: Date;
  resolutionDueAt: Date;
  resolutionWarnAt: Date;
  createdAt: Date;
}

/** The last row of the page before: its sort key (`at`) and id. */
export interface TicketCursor {
  at: string;
  id: string;
}

/**
 * Tickets as the viewer may see them: a customer's queries always carry their organization, so
 * another organization's tickets do not exist for them (404, not 403).
 */
@Injectable()
export class TicketRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `viewer` null: the system looks (no organization scoping). */
  find(viewer: Principal | null, id: string, transaction?: Transaction) {
    return this.scoped(viewer, runnerOf(transaction, this.dataSource)).andWhere('t.id = :id', { id }).getOne();
  }

  /** `find`, locking the row for the rest of the caller's transaction (changes to one ticket queue up). */
  findForUpdate(viewer: Principal | null, id: string, transaction: Transaction) {
    return this.scoped(viewer, managerOf(transaction))
      .andWhere('t.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async update(transaction: Transaction, id: string, changes: TicketChangeSet): Promise<void> {
    await managerOf(transaction).update(TicketEntity, { id }, changes);
  }

  /** Moves every message of `fromId` into `toId`'s thread (their files go with them); how many. */
  async moveMessages(transaction: Transaction, fromId: string, toId: string): Promise<number> {
    const result = await managerOf(transaction).update(TicketMessageEntity, { ticketId: fromId }, { ticketId: toId });
    return result.affected ?? 0;
  }

  async addMessage(transaction: Transaction, message: NewMessage): Promise<TicketMessageEntity> {
    const entity = Object.assign(new TicketMessageEntity(), message);
    await managerOf(transaction).insert(TicketMessageEntity, entity);
    return entity;
  }

  /** The ticket's first message (what opened it). */
  async firstMessage(transaction: Transaction, ticketId: string): Promise<TicketMessageEntity | null> {
    return managerOf(transaction).findOne(TicketMessageEntity, {
      where: { ticketId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** One entry in the ticket's history. */
  async addEvent(transaction: Transaction, event: NewTicketEvent): Promise<void> {
    await managerOf(transaction).insert(TicketEventEntity, {
      ticketId: event.ticketId,
      actorId: event.actorId,
      kind: event.kind,
      data: event.data as never,
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    });
  }

  /** A ticket's history, newest first (at most `limit` events). */
  events(ticketId: string, limit: number): Promise<TicketEventEntity[]> {
    return this.dataSource
      .getRepository(TicketEventEntity)
      .find({ where: { ticketId }, order: { id: 'DESC' }, take: limit });
  }

  /** The ticket a reference names (our e-mail threading): by id, by one of its messages, or by number. */
  async findReferenced(reference: { ticketId: string } | { messageId: string } | { number: string }) {
    const query = this.dataSource.getRepository(TicketEntity).createQueryBuilder('t');
    if ('ticketId' in reference) query.where('t.id = :id', { id: reference.ticketId });
    else if ('number' in reference) query.where('t.number = :number', { number: reference.number });
    else
      query.where('t.id = (SELECT m.ticket_id FROM ticket_message m WHERE m.id = :messageId)', {
        messageId: reference.messageId,
      });
    return query.getOne();
  }

  async list(
    viewer: Principal,
    filter: TicketFilter,
    limit: number,
    options: { after?: TicketCursor; sort?: TicketSort } = {},
  ): Promise<TicketEntity[]> {
    return hydrateRows(
      this.dataSource,
      TicketEntity,
      't',
      await this.page(viewer, filter, limit, options).getRawMany(),
    );
  }

  /** `list`, each ticket with its tag names, in one statement (the desk shows them on every row). */
  listWithTags(
    viewer: Principal,
    filter: TicketFilter,
    limit: number,
    options: { after?: TicketCursor; sort?: TicketSort } = {},
  ): Promise<Array<{ ticket: TicketEntity; tags: string[] }>> {
    return withTagNames(this.dataSource, this.page(viewer, filter, limit, options));
  }

  /** `find`, with the ticket's tag names in the same statement (the ticket page). */
  async findWithTags(viewer: Principal, id: string): Promise<{ ticket: TicketEntity; tags: string[] } | null> {
    const [found] = await withTagNames(
      this.dataSource,
      this.scoped(viewer, this.dataSource.manager).andWhere('t.id = :id', { id }),
    );
    return found ?? null;
  }

  private page(
    viewer: Principal,
    filter: TicketFilter,
    limit: number,
    options: { after?: TicketCursor; sort?: TicketSort },
  ) {
    const { key, direction } = SORT_KEYS[options.sort ?? 'created'];
    const query = this.filtered(viewer, filter).limit(limit).orderBy(key, direction).addOrderBy('t.id', direction);
    if (options.after) {
      query.andWhere(`(${key}, t.id) ${direction === 'DESC' ? '<' : '>'} (:afterAt, :afterId)`, {
        afterAt: options.after.at,
        afterId: options.after.id,
      });
    }
    return query;
  }

  /** How many tickets the filter matches, for the lists' counts. */
  count(viewer: Principal, filter: TicketFilter): Promise<number> {
    return this.filtered(viewer, filter).getCount();
  }

  private filtered(viewer: Principal, filter: TicketFilter) {
    const query = this.scoped(viewer, this.dataSource.manager);
    if (filter.statuses?.length) query.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.assigneeId) query.andWhere('t.assigneeId = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.unassigned) query.andWhere('t.assigneeId IS NULL');
    if (filter.groupIds) {
      if (filter.groupIds.length === 0) query.andWhere('false');
      else query.andWhere('t.groupId IN (:...groupIds)', { groupIds: filter.groupIds });
    }
    if (filter.organizationIds) {
      if (filter.organizationIds.length === 0) query.andWhere('false');
      else query.andWhere('t.organizationId IN (:...organizationIds)', { organizationIds: filter.organizationIds });
    }
    if (filter.requesterId) query.andWhere('t.requesterId = :requesterId', { requesterId: filter.requesterId });
    if (filter.requesterPhone)
      query.andWhere(`${requesterPhone('t')} = :requesterPhone`, { requesterPhone: filter.requesterPhone });
    if (filter.requesterEmail)
      query.andWhere('lower(t.requesterEmail) = lower(:requesterEmail)', { requesterEmail: filter.requesterEmail });
    if (filter.priority) query.andWhere('t.priority = :priority', { priority: filter.priority });
    if (filter.category) query.andWhere('t.category = :category', { category: filter.category });
    if (filter.channel) query.andWhere('t.channel = :channel', { channel: filter.channel });
    if (filter.tag)
      query.andWhere(
        `EXISTS (SELECT 1 FROM ticket_tag tt JOIN tag g ON g.id = tt.tag_id WHERE tt.ticket_id = t.id AND lower(g.name) = lower(:tag))`,
        { tag: filter.tag },
      );
    if (filter.search) {
      const terms = ticketSearchTerms(filter.search);
      const internalVisible = viewer.role !== 'customer';
      if (terms.number) {
        // A full number names one ticket: its sequence is a condition on the ticket itself, planned
        // and run as one index lookup (planning a subquery cost more than the lookup).
        query.andWhere(`${numberSequence('t')} = :sequence`, { sequence: terms.sequence });
      } else {
        // A union of lookups, each on its own index (trigrams on the ticket's text and on message
        // bodies, the number's sequence, the phone digits): ORed conditions with a subquery would
        // scan every ticket.
        const matches = [
          `SELECT s.id FROM ticket s WHERE ${searchable('s')} ILIKE :pattern`,
          `SELECT m.ticket_id FROM ticket_message m WHERE m.body ILIKE :pattern${internalVisible ? '' : ' AND NOT m.internal'}`,
          ...(terms.sequence !== undefined
            ? [`SELECT s.id FROM ticket s WHERE ${numberSequence('s')} = :sequence`]
            : []),
          ...(terms.phone ? [`SELECT s.id FROM ticket s WHERE ${requesterPhone('s')} = :phone`] : []),
        ];
        query.andWhere(`t.id IN (${matches.join(' UNION ')})`, {
          pattern: containing(terms.text),
          sequence: terms.sequence,
          phone: terms.phone,
        });
      }
    }
    return query;
  }

  /** The ids of the public agent replies on the ticket written before `messageId`, oldest first. */
  async agentRepliesBefore(transaction: Transaction, ticketId: string, messageId: string): Promise<string[]> {
    const rows = (await managerOf(transaction).query(
      `SELECT m.id FROM ticket_message m, ticket_message this
         WHERE this.id = $2 AND m.ticket_id = $1 AND m.id <> this.id AND m.author_kind = 'agent' AND NOT m.internal
           AND (m.created_at, m.id) < (this.created_at, this.id)
         ORDER BY m.created_at, m.id`,
      [ticketId, messageId],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  async messages(ticketId: string, options: { includeInternal: boolean }): Promise<TicketMessageEntity[]> {
    const query = this.dataSource
      .getRepository(TicketMessageEntity)
      .createQueryBuilder('m')
      .where('m.ticketId = :ticketId', { ticketId })
      .orderBy('m.createdAt', 'ASC')
      .addOrderBy('m.id', 'ASC');
    if (!options.includeInternal) query.andWhere('m.internal = false');
    return hydrateRows(this.dataSource, TicketMessageEntity, 'm', await query.getRawMany());
  }

  /** An organization's tickets with their public messages, in batches of `batchSize` tickets (keyset paging). */
  async *exportOrganization(
    organizationId: string,
    batchSize = 500,
  ): AsyncGenerator<Array<{ ticket: TicketEntity; messages: TicketMessageEntity[] }>> {
    let after: TicketCursor | undefined;
    for (;;) {
      const query = this.dataSource
        .getRepository(TicketEntity)
        .createQueryBuilder('t')
        .where('t.organizationId = :organizationId', { organizationId })
        .orderBy('t.createdAt', 'ASC')
        .addOrderBy('t.id', 'ASC')
        .limit(batchSize);
      if (after) query.andWhere('(t.createdAt, t.id) > (:at, :id)', after);
      const tickets = await query.getMany();
      if (tickets.length === 0) return;
      const messages = await this.dataSource
        .getRepository(TicketMessageEntity)
        .createQueryBuilder('m')
        .where('m.ticketId IN (:...ids)', { ids: tickets.map((t) => t.id) })
        .andWhere('m.internal = false')
        .orderBy('m.createdAt', 'ASC')
        .addOrderBy('m.id', 'ASC')
        .getMany();
      const byTicket = new Map<string, TicketMessageEntity[]>();
      for (const message of messages)
        byTicket.set(message.ticketId, [...(byTicket.get(message.ticketId) ?? []), message]);
      yield tickets.map((ticket) => ({ ticket, messages: byTicket.get(ticket.id) ?? [] }));
      if (tickets.length < batchSize) return;
      const last = tickets[tickets.length - 1]!;
      after = { at: last.createdAt.toISOString(), id: last.id };
    }
  }

  /**
   * Adds new tickets, each with its first message and `create` event, to a statement (the caller may
   * add more writes, e.g. their audit entries, and runs it: one round trip for any number of tickets).
   */
  addNew(statement: AtomicStatement, tickets: readonly NewTicket[]): void {
    const column = <K extends keyof NewTicket>(key: K) => tickets.map((ticket) => ticket[key] ?? null);
    const instant = (
      key: 'firstResponseDueAt' | 'firstResponseWarnAt' | 'resolutionDueAt' | 'resolutionWarnAt' | 'createdAt',
    ) => tickets.map((ticket) => ticket[key].toISOString());
    statement.with(
      statement.uniqueName('new_ticket'),
      `INSERT INTO ticket (id, number, organization_id, requester_id, requester_name, requester_email, requester_company,
         requester_phone, requester_language, channel, category, priority, status, subject, calendar_id,
         first_response_due_at, first_response_warn_at, resolution_due_at, resolution_warn_at, created_at, updated_at, follow_up_of)
       SELECT id, number, organization_id, requester_id, requester_name, requester_email, requester_company,
         requester_phone, requester_language, channel, category, 'normal', 'new', subject, calendar_id,
         first_response_due_at, first_response_warn_at, resolution_due_at, resolution_warn_at, created_at, created_at, follow_up_of
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[], $15::timestamptz[], $16::timestamptz[],
         $17::timestamptz[], $18::timestamptz[], $19::uuid[])
         AS t(id, number, organization_id, requester_id, requester_name, requester_email, requester_company, requester_phone,
           requester_language, channel, category, subject, calendar_id, first_response_due_at, first_response_warn_at,
           resolution_due_at, resolution_warn_at, created_at, follow_up_of)`,
      [
        column('id'),
        column('number'),
        column('organizationId'),
        column('requesterId'),
        column('requesterName'),
        column('requesterEmail'),
        column('requesterCompany'),
        column('requesterPhone'),
        column('requesterLanguage'),
        column('channel'),
        column('category'),
        column('subject'),
        column('calendarId'),
        instant('firstResponseDueAt'),
        instant('firstResponseWarnAt'),
        instant('resolutionDueAt'),
        instant('resolutionWarnAt'),
        instant('createdAt'),
        column('followUpOf'),
      ],
    );
    // Foreign keys are checked at the end of the statement, when the tickets exist.
    statement.with(
      statement.uniqueName('new_ticket_message'),
      `INSERT INTO ticket_message (id, ticket_id, author_id, author_kind, body, internal, created_at)
       SELECT id, ticket_id, author_id, 'requester', body, false, created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[]) AS m(id, ticket_id, author_id, body, created_at)`,
      [column('messageId'), column('id'), column('requesterId'), column('body'), instant('createdAt')],
    );
    statement.with(
      statement.uniqueName('new_ticket_event'),
      `INSERT INTO ticket_event (ticket_id, actor_id, kind, data, occurred_at)
       SELECT ticket_id, actor_id, 'create', jsonb_build_object('number', number, 'channel', channel, 'subject', subject), occurred_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
         AS e(ticket_id, actor_id, number, channel, subject, occurred_at)`,
      [
        column('id'),
        column('requesterId'),
        column('number'),
        column('channel'),
        column('subject'),
        instant('createdAt'),
      ],
    );
  }

  /** Reserves `count` ticket sequence values (in order); numbers are made from them by `ticketNumber`. */
  async reserveNumbers(transaction: Transaction | undefined, count: number): Promise<number[]> {
    const rows = (await runnerOf(transaction, this.dataSource).query(
      `SELECT nextval('ticket_number_seq') AS value FROM generate_series(1, $1)`,
      [count],
    )) as Array<{ value: string | number }>;
    return rows.map((row) => Number(row.value)).sort((a, b) => a - b);
  }

  /** Closes solved tickets whose wait for the customer is over; returns their ids. */
  async closeExpired(transaction: Transaction, now: Date): Promise<string[]> {
    const result = (await managerOf(transaction).query(
      `UPDATE ticket SET status = 'closed', closed_at = $1, auto_close_at = NULL, updated_at = $1
       WHERE status = 'solved' AND auto_close_at <= $1 RETURNING id`,
      [now],
    )) as [Array<{ id: string }>, number];
    return result[0].map((row) => row.id);
  }

  private scoped(viewer: Principal | null, manager: EntityManager): SelectQueryBuilder<TicketEntity> {
    const query = manager.getRepository(TicketEntity).createQueryBuilder('t').where('true');
    if (viewer?.role === 'customer') query.andWhere('t.organizationId = :own', { own: viewer.organizationId });
    return query;
  }
}
