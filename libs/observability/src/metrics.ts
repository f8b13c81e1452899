import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every Prometheus metric Madoguchi exposes, registered on one registry per process. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'madoguchi_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobsProcessed = new Counter({
    name: 'madoguchi_jobs_processed_total',
    help: 'Job attempts finished, by queue, job name and outcome (completed, failed)',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'madoguchi_job_duration_seconds',
    help: 'Job attempt duration by queue and job name',
    labelNames: ['queue', 'job'] as const,
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });

  readonly noticeDeliveries = new Counter({
    name: 'madoguchi_notice_deliveries_total',
    help: 'Notice recipients by SMTP outcome: sent, failed (permanent, quarantined), deferred (temporary, retried), gave_up (still failing when the retry window closed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly mailMessages = new Counter({
    name: 'madoguchi_mail_messages_total',
    help: "Recipients of mail handed to the transport, by transport, route (standard; alarm: managers' alarms, through ALERT_SMTP_URL where set), outcome (sent; deferred: a temporary failure, retried; refused: a permanent one) and SMTP reply code (none without a reply)",
    labelNames: ['transport', 'route', 'outcome', 'code'] as const,
    registers: [this.registry],
  });

  readonly mailEnqueueFailures = new Counter({
    name: 'madoguchi_mail_enqueue_failures_total',
    help: 'Mail hand-overs to the queue that failed (the messages stay in the outbox for the next attempt), by source',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly mailGivenUp = new Counter({
    name: 'madoguchi_mail_given_up_total',
    help: 'Messages (outbox) given up because they still failed when the retry window closed, by source',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly telephonyImportLines = new Counter({
    name: 'madoguchi_telephony_import_lines_total',
    help: 'PBX import lines read, by outcome (used, unknown event, skipped as malformed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'madoguchi_' });
  }

  /**
   * A gauge read when Prometheus scrapes (a backlog in the database, say), so every process that
   * serves /metrics reports it; a failed reading leaves the gauge out of that scrape, logged by the caller.
   */
  gauge(name: string, help: string, read: () => Promise<number>): void {
    if (this.registry.getSingleMetric(name)) return;
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }
}
