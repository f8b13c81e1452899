import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, runnerOf, type Transaction } from '@madoguchi/database';

export interface Tag {
  id: string;
  name: string;
}

/** `tag` (the list managers keep) and `ticket_tag` (which ticket carries which). */
@Injectable()
export class TagRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(transaction?: Transaction): Promise<Tag[]> {
    return runnerOf(transaction, this.dataSource).query(
      `SELECT id, name FROM tag ORDER BY lower(name) COLLATE "C", id`,
    ) as Promise<Tag[]>;
  }

  find(transaction: Transaction, id: string): Promise<Tag | undefined> {
    return (managerOf(transaction).query(`SELECT id, name FROM tag WHERE id = $1`, [id]) as Promise<Tag[]>).then(
      (rows) => rows[0],
    );
  }

  /** The listed tags with these names (case aside); names not on the list are simply absent. */
  named(names: readonly string[], transaction?: Transaction): Promise<Tag[]> {
    if (names.length === 0) return Promise.resolve([]);
    return runnerOf(transaction, this.dataSource).query(
      `SELECT id, name FROM tag WHERE lower(name) = ANY($1::text[])`,
      [names.map((name) => name.toLowerCase())],
    ) as Promise<Tag[]>;
  }

  /** Adds the tag unless one of that name exists; whether it was added. */
  async insert(transaction: Transaction, tag: Tag): Promise<boolean> {
    const rows = (await managerOf(transaction).query(
      `INSERT INTO tag (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id`,
      [tag.id, tag.name],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Removes the tag from the list and from every ticket; how many tickets carried it. */
  async delete(transaction: Transaction, id: string): Promise<number> {
    const [row] = (await managerOf(transaction).query(
      `WITH removed AS (DELETE FROM ticket_tag WHERE tag_id = $1 RETURNING 1),
            gone AS (DELETE FROM tag WHERE id = $1)
       SELECT count(*)::int AS tickets FROM removed`,
      [id],
    )) as Array<{ tickets: number }>;
    return row?.tickets ?? 0;
  }

  /** Each ticket's tag names, in the list's order (tickets without tags are absent). */
  async namesFor(ticketIds: readonly string[], transaction?: Transaction): Promise<Map<string, string[]>> {
    const byTicket = new Map<string, string[]>();
    if (ticketIds.length === 0) return byTicket;
    const rows = (await runnerOf(transaction, this.dataSource).query(
      `SELECT tt.ticket_id, g.name FROM ticket_tag tt JOIN tag g ON g.id = tt.tag_id
        WHERE tt.ticket_id = ANY($1::uuid[]) ORDER BY lower(g.name) COLLATE "C"`,
      [ticketIds],
    )) as Array<{ ticket_id: string; name: string }>;
    for (const row of rows) byTicket.set(row.ticket_id, [...(byTicket.get(row.ticket_id) ?? []), row.name]);
    return byTicket;
  }

  /** The ticket carries exactly these tags afterwards. */
  async replace(transaction: Transaction, ticketId: string, tagIds: readonly string[]): Promise<void> {
    await managerOf(transaction).query(
      `DELETE FROM ticket_tag WHERE ticket_id = $1 AND NOT (tag_id = ANY($2::uuid[]))`,
      [ticketId, tagIds],
    );
    await this.add(transaction, ticketId, tagIds);
  }

  /** The ticket carries these tags too (those it has stay). */
  async add(transaction: Transaction, ticketId: string, tagIds: readonly string[]): Promise<void> {
    if (tagIds.length === 0) return;
    await managerOf(transaction).query(
      `INSERT INTO ticket_tag (ticket_id, tag_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [ticketId, tagIds],
    );
  }
}
