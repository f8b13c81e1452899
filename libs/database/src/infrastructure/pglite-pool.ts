import { EventEmitter } from 'node:events';

import type { PGlite, Results } from '@electric-sql/pglite';
import { Logger } from '@nestjs/common';

import { FifoLock } from './fifo-lock';

const logger = new Logger('PGlitePool');
const WAIT_WARNING_MS = 5_000;

interface PgResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: Results['fields'];
}

type Callback<T> = (error: Error | null, result?: T) => void;

/**
 * A node-postgres-shaped client over one PGlite instance. TypeORM's postgres driver reads
 * `rows`, `rowCount` and `command`, exactly as node-postgres returns them.
 */
class PGliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  query(sql: string, params?: unknown[] | Callback<PgResult>, callback?: Callback<PgResult>): Promise<PgResult> {
    const values = typeof params === 'function' ? undefined : params;
    const done = typeof params === 'function' ? params : callback;
    const result = this.run(sql, values);
    if (done)
      result.then(
        (r) => done(null, r),
        (error: Error) => done(error),
      );
    return result;
  }

  private async run(sql: string, values?: unknown[]): Promise<PgResult> {
    // Without parameters the simple protocol runs multi-statement scripts (migrations); the
    // last statement's result is what node-postgres reports too.
    const results = values && values.length > 0 ? [await this.db.query(sql, values)] : await this.db.exec(sql);
    const last = results[results.length - 1];
    return {
      rows: last?.rows ?? [],
      rowCount: last?.affectedRows || last?.rows.length || 0,
      command: (last as { command?: string } | undefined)?.command ?? sql.trim().split(/\s+/, 1)[0]!.toUpperCase(),
      fields: last?.fields ?? [],
    };
  }
}

/**
 * Builds the `driver` TypeORM's postgres dialect loads instead of `pg`: a pool of exactly one
 * connection. PGlite is a single session, so a connection is lent to one query runner at a time
 * (FIFO); that keeps transactions isolated from each other, as they are on a real server.
 */
export function pgliteDriver(db: PGlite) {
  const lock = new FifoLock();

  class PGlitePool extends EventEmitter {
    private ended = false;

    connect(callback?: (error: Error | null, client?: PGliteClient, release?: () => void) => void) {
      const lent = this.lend();
      if (!callback) return lent.then(({ client }) => client);
      lent.then(
        ({ client, release }) => callback(null, client, release),
        (error: Error) => callback(error),
      );
      return undefined;
    }

    async query(sql: string, params?: unknown[]): Promise<PgResult> {
      const { client, release } = await this.lend();
      try {
        return await client.query(sql, params);
      } finally {
        release();
      }
    }

    /**
     * LISTEN on the instance, between transactions: a LISTEN issued inside another runner's
     * transaction would be undone by its rollback. Notifications arrive when a transaction commits.
     */
    async listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
      const { release } = await this.lend();
      try {
        const unlisten = await db.listen(channel, handler);
        return async () => {
          const lent = await this.lend();
          try {
            if (!db.closed) await unlisten();
          } finally {
            lent.release();
          }
        };
      } finally {
        release();
      }
    }

    end(callback?: (error?: Error | null) => void): Promise<void> {
      this.ended = true;
      const closing = db.closed ? Promise.resolve() : db.close();
      if (callback)
        closing.then(
          () => callback(null),
          (error: Error) => callback(error),
        );
      return closing;
    }

    private async lend(): Promise<{ client: PGliteClient; release: () => void }> {
      if (this.ended) throw new Error('The PGlite pool has been closed');
      // The usual cause of a long wait: code inside a transaction querying through another
      // connection (the DataSource instead of the transaction's manager), which waits forever here.
      const waiting = new Error('Waiting for the PGlite connection');
      const warning = setTimeout(
        () =>
          logger.warn(
            `Still waiting for the PGlite connection after ${WAIT_WARNING_MS} ms; a query outside its transaction? ${waiting.stack}`,
          ),
        WAIT_WARNING_MS,
      );
      warning.unref();
      const unlock = await lock.acquire().finally(() => clearTimeout(warning));
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // A runner that gives the connection back mid-transaction must not leak it to the next one.
        if (!db.closed && db.isInTransaction()) {
          db.exec('ROLLBACK').finally(unlock);
        } else {
          unlock();
        }
      };
      return { client: new PGliteClient(db), release };
    }
  }

  return { Pool: PGlitePool };
}
