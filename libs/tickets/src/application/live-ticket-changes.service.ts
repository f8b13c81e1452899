import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';

import { DatabaseNotifications } from '@madoguchi/database';

import {
  NOTIFICATION_CHANNEL,
  parseNotificationRecipient,
  parseTicketChange,
  TICKET_CHANNEL,
  type TicketChange,
} from '../infrastructure/live-channels';

export type LiveEvent =
  | { kind: 'ticket'; change: TicketChange }
  | { kind: 'notification'; userId: string }
  /** Changes may have been missed (the database connection was lost, or a reconnect came too late): look again. */
  | { kind: 'resync' };

export interface LiveSubscriber {
  /** `sequence` orders the events heard here; a reconnecting stream passes the last one it got. */
  event(event: LiveEvent, sequence: number): void;
  /** The process is shutting down: end the stream, the browser reconnects elsewhere. */
  end(): void;
}

/** How far back a reconnecting stream is caught up (browsers reconnect within seconds). */
const REPLAY_WINDOW_MS = 120_000;

/**
 * Committed ticket changes and new notifications, as they happen anywhere: every API process
 * hears them from the database (NOTIFY), so a desk open on one process sees a reply taken by
 * another. Listening starts with the first subscriber, so a worker never opens the connection.
 * Sequences are milliseconds (kept increasing), so a stream that reconnects to another process
 * is caught up from about the same moment; the desk counts tickets, so a repeat is harmless.
 */
@Injectable()
export class LiveTicketChanges implements OnModuleDestroy {
  private readonly logger = new Logger(LiveTicketChanges.name);
  private readonly subscribers = new Set<LiveSubscriber>();
  private readonly recent: Array<{ sequence: number; event: LiveEvent }> = [];
  private lastSequence = 0;
  private listeningSince = Number.POSITIVE_INFINITY;
  private listening?: Promise<void>;

  constructor(private readonly notifications: DatabaseNotifications) {}

  /** Starts listening if nobody has yet; fails when the database cannot be reached. */
  async ready(): Promise<void> {
    await (this.listening ??= this.listen().catch((error: unknown) => {
      this.listening = undefined;
      throw error;
    }));
  }

  /** Hears every event from now on, after those since `since` (a sequence this stream got before). */
  subscribe(subscriber: LiveSubscriber, since?: number): () => void {
    if (since !== undefined) {
      // Older than what this process holds (or heard before it was listening): say so, rather than guess.
      if (since < Math.max(this.listeningSince, Date.now() - REPLAY_WINDOW_MS))
        subscriber.event({ kind: 'resync' }, this.lastSequence);
      for (const { sequence, event } of this.recent) if (sequence > since) subscriber.event(event, sequence);
    }
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  onModuleDestroy(): void {
    for (const subscriber of this.subscribers) subscriber.end();
    this.subscribers.clear();
  }

  private async listen(): Promise<void> {
    const resync = () => this.publish({ kind: 'resync' });
    await this.notifications.listen(TICKET_CHANNEL, {
      message: (payload) => {
        const change = parseTicketChange(payload);
        if (change) this.publish({ kind: 'ticket', change });
        else this.logger.warn(`Ignored a malformed ticket change: ${payload.slice(0, 200)}`);
      },
      reconnected: resync,
    });
    await this.notifications.listen(NOTIFICATION_CHANNEL, {
      message: (payload) => {
        const userId = parseNotificationRecipient(payload);
        if (userId) this.publish({ kind: 'notification', userId });
      },
      reconnected: resync,
    });
    this.listeningSince = Date.now();
  }

  private publish(event: LiveEvent): void {
    const now = Date.now();
    this.lastSequence = Math.max(this.lastSequence + 1, now);
    const sequence = this.lastSequence;
    this.recent.push({ sequence, event });
    while (this.recent.length > 0 && this.recent[0]!.sequence < now - REPLAY_WINDOW_MS) this.recent.shift();
    for (const subscriber of this.subscribers) {
      try {
        subscriber.event(event, sequence);
      } catch (error) {
        this.logger.error(`A live subscriber failed: ${(error as Error).message}`);
      }
    }
  }
}
