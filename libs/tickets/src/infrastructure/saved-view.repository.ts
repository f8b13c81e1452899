import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

export interface SavedView {
  id: string;
  name: string;
  /** The desk's query string (`queue=mine&sort=updated`), as the service cleaned it. */
  query: string;
}

/** `saved_view`: each agent's named desk filters. */
@Injectable()
export class SavedViewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  of(userId: string): Promise<SavedView[]> {
    return this.dataSource.query(`SELECT id, name, query FROM saved_view WHERE user_id = $1 ORDER BY name, id`, [
      userId,
    ]) as Promise<SavedView[]>;
  }

  /** How many views the person has, and whether one has this name (inside the saving transaction). */
  async countAndHas(transaction: Transaction, userId: string, name: string): Promise<{ count: number; has: boolean }> {
    const [row] = (await managerOf(transaction).query(
      `SELECT count(*)::int AS count, coalesce(bool_or(name = $2), false) AS has FROM saved_view WHERE user_id = $1`,
      [userId, name],
    )) as Array<{ count: number; has: boolean }>;
    return row ?? { count: 0, has: false };
  }

  /** Saves the view, replacing the person's view of the same name. */
  async upsert(transaction: Transaction, userId: string, view: SavedView): Promise<void> {
    await managerOf(transaction).query(
      `INSERT INTO saved_view (id, user_id, name, query) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, name) DO UPDATE SET query = EXCLUDED.query`,
      [view.id, userId, view.name, view.query],
    );
  }

  /** Removes one of the person's views; whether there was one. */
  async delete(transaction: Transaction, userId: string, id: string): Promise<boolean> {
    const rows = (await managerOf(transaction).query(
      `DELETE FROM saved_view WHERE id = $1 AND user_id = $2 RETURNING id`,
      [id, userId],
    )) as unknown[];
    return rows.length > 0;
  }
}
