import { Injectable, type OnModuleInit } from '@nestjs/common';

import { Metrics } from '@madoguchi/observability';

import { MailOutboxService } from './mail-outbox.service';

/** Reads a value at most once per `ms`: one scrape's gauges share one query. */
export function sharedReading<T>(read: () => Promise<T>, ms = 1000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > ms) {
      const value = read();
      cached = { at: Date.now(), value };
      value.catch(() => (cached = null));
    }
    return cached.value;
  };
}

/** The single-mail outbox's backlog on /metrics: what waits, for how long, what was given up. */
@Injectable()
export class MailBacklogGauges implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly outbox: MailOutboxService,
  ) {}

  onModuleInit(): void {
    const backlog = sharedReading(() => this.outbox.backlog());
    this.metrics.gauge(
      'madoguchi_mail_outbox_pending',
      'Messages in the mail outbox not yet accepted by the mail server',
      async () => (await backlog()).pending,
    );
    this.metrics.gauge(
      'madoguchi_mail_outbox_oldest_pending_age_seconds',
      'Age of the oldest message in the mail outbox not yet accepted (0 when none waits)',
      async () => (await backlog()).oldestAgeSeconds,
    );
    this.metrics.gauge(
      'madoguchi_mail_outbox_gave_up',
      'Messages in the mail outbox given up after the retry window (resend them)',
      async () => (await backlog()).gaveUp,
    );
  }
}
