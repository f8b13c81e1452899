import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

import { AppConfig } from '@madoguchi/config';

/** What a channel's listener is told: each payload, and that payloads may have been missed. */
export interface ChannelListener {
  message(payload: string): void;
  /** The LISTEN connection was lost and is back: anything sent in between was not heard. */
  reconnected(): void;
}

interface ListeningPool {
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
}

const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * NOTIFY channels heard in this process. On a server: one connection of its own holds the
 * LISTENs (a pooled connection would be handed to queries), reconnecting with backoff. Embedded:
 * the PGlite instance itself, where NOTIFY reaches the same process.
 */
@Injectable()
export class DatabaseNotifications implements OnModuleDestroy {
  private readonly logger = new Logger(DatabaseNotifications.name);
  private readonly listeners = new Map<string, Set<ChannelListener>>();
  private client?: Promise<Client>;
  private readonly embedded = new Map<string, Promise<() => Promise<void>>>();
  private reconnectTimer?: NodeJS.Timeout;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Hears `channel` until the returned function is called. */
  async listen(channel: string, listener: ChannelListener): Promise<() => void> {
    let channelListeners = this.listeners.get(channel);
    if (!channelListeners) {
      channelListeners = new Set();
      this.listeners.set(channel, channelListeners);
      await this.startListening(channel);
    }
    channelListeners.add(listener);
    return () => channelListeners.delete(listener);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.then((c) => c.end()).catch(() => undefined);
    for (const unlisten of this.embedded.values()) await (await unlisten)().catch(() => undefined);
    this.embedded.clear();
  }

  private deliver(channel: string, payload: string): void {
    for (const listener of this.listeners.get(channel) ?? []) listener.message(payload);
  }

  private async startListening(channel: string): Promise<void> {
    if (!this.config.DATABASE_URL) {
      const pool = (this.dataSource.driver as unknown as { master: ListeningPool }).master;
      const unlisten = pool.listen(channel, (payload) => this.deliver(channel, payload));
      this.embedded.set(channel, unlisten);
      await unlisten;
      return;
    }
    const client = await (this.client ??= this.connect());
    await client.query(`LISTEN ${quoteIdentifier(channel)}`);
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'madoguchi-listen',
      connectionTimeoutMillis: 5_000,
      // A dead server is noticed by keepalive, not only when the next NOTIFY fails to come.
      keepAlive: true,
    });
    client.on('notification', ({ channel, payload }) => this.deliver(channel, payload ?? ''));
    client.on('error', (error) => this.lost(error));
    client.on('end', () => this.lost(new Error('connection ended')));
    try {
      await client.connect();
    } catch (error) {
      this.client = undefined;
      throw error;
    }
    return client;
  }

  /** The LISTEN connection is gone: connect again, LISTEN again, and say that news may be missing. */
  private lost(error: Error): void {
    if (this.closed || this.reconnectTimer) return;
    const client = this.client;
    this.client = undefined;
    void client?.then((c) => c.end()).catch(() => undefined);
    const delay = RECONNECT_DELAYS_MS[Math.min(this.failures, RECONNECT_DELAYS_MS.length - 1)]!;
    this.failures += 1;
    this.logger.warn(`Lost the LISTEN connection (${error.message}); reconnecting in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.relisten();
    }, delay);
    this.reconnectTimer.unref();
  }

  private async relisten(): Promise<void> {
    if (this.closed) return;
    try {
      const client = await (this.client ??= this.connect());
      for (const channel of this.listeners.keys()) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      this.failures = 0;
      this.logger.log('LISTEN connection restored');
      for (const listeners of this.listeners.values()) for (const listener of listeners) listener.reconnected();
    } catch (error) {
      this.lost(error as Error);
    }
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
