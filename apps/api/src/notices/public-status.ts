import { createHash } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { Clock } from '@madoguchi/common';
import { DatabaseNotifications } from '@madoguchi/database';
import { KpiDefinitionService } from '@madoguchi/kpi';
import { STATUS_CHANNEL, StatusPageService } from '@madoguchi/notices';

import { gzip } from '../http/compression';

export type PublicStatusView = Awaited<ReturnType<StatusPageService['current']>>;

/** The status as served: the view, its JSON (also gzipped, once for every reader), and the ETag of that JSON. */
export interface StatusSnapshot {
  view: PublicStatusView;
  json: string;
  gzippedJson: Buffer;
  etag: string;
}

/**
 * How long a snapshot is served when no change was heard: what only the clock moves (an ongoing
 * outage's downtime, a new day's bar) shows this late at most. Browsers and proxies may keep
 * the JSON as long again (`Cache-Control: max-age`).
 */
export const STATUS_SNAPSHOT_TTL_MS = 5_000;

/**
 * The public status as the status page, its JSON and its feeds show it: availability weighed by the
 * KPI definition's rules, so the page and the KPI report never disagree on a figure.
 *
 * Under an outage everyone reloads the page at once, so each API process serves one snapshot:
 * built by the first request (the others wait for the same build), dropped as soon as a committed
 * change is heard on the database's status channel — from any process — and rebuilt after
 * {@link STATUS_SNAPSHOT_TTL_MS} otherwise. A build that a change overtook answers its waiters but
 * is not kept. While the channel cannot be heard, nothing is kept: every request computes afresh.
 */
@Injectable()
export class PublicStatus {
  private readonly logger = new Logger(PublicStatus.name);
  /** Changes heard so far; a snapshot is good while this is what it was built under. */
  private changesHeard = 0;
  private kept?: { snapshot: Promise<StatusSnapshot>; builtAt: number; changesHeard: number };
  private listening?: Promise<unknown>;

  constructor(
    private readonly status: StatusPageService,
    private readonly definitions: KpiDefinitionService,
    private readonly notifications: DatabaseNotifications,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<PublicStatusView> {
    return (await this.snapshot()).view;
  }

  async snapshot(): Promise<StatusSnapshot> {
    const hearing = await this.hearChanges();
    const now = this.clock.now();
    const kept = this.kept;
    // A clock set back (tests do) is a change too.
    const age = kept ? now - kept.builtAt : -1;
    if (hearing && kept?.changesHeard === this.changesHeard && age >= 0 && age < STATUS_SNAPSHOT_TTL_MS)
      return kept.snapshot;
    const entry = { snapshot: this.build(), builtAt: now, changesHeard: this.changesHeard };
    if (!hearing) return entry.snapshot;
    this.kept = entry;
    entry.snapshot.catch(() => {
      if (this.kept === entry) this.kept = undefined;
    });
    return entry.snapshot;
  }

  private async build(): Promise<StatusSnapshot> {
    const view = await this.status.current(await this.definitions.availabilityRules());
    const json = JSON.stringify(view);
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`;
    return { view, json, gzippedJson: await gzip(json), etag };
  }

  /** Listens on the status channel once; false while that fails (the caller keeps nothing). */
  private async hearChanges(): Promise<boolean> {
    const heard = () => {
      this.changesHeard += 1;
    };
    this.listening ??= this.notifications.listen(STATUS_CHANNEL, { message: heard, reconnected: heard });
    try {
      await this.listening;
      return true;
    } catch (error) {
      this.listening = undefined;
      this.logger.warn(`Cannot hear status changes, serving the status uncached: ${(error as Error).message}`);
      return false;
    }
  }
}
