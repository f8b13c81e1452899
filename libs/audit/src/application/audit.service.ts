import { Injectable } from '@nestjs/common';

import { Clock, type RequestContext } from '@madoguchi/common';
import { type AtomicStatement, type Transaction, UnitOfWork } from '@madoguchi/database';

import { AuditEntry, AuditEntryFields, ChainVerdict, signedCheckpoint } from '../domain/audit-chain';
import { AuditFilter, AuditRepository } from '../infrastructure/audit.repository';
import { AuditCheckpoints } from '../infrastructure/audit-checkpoints';
import { AuditKeys } from '../infrastructure/audit-keys';
import { verifySealedChain } from '../infrastructure/verify-audit-log';

export interface AuditAction {
  /** `<target>.<verb>`, e.g. `organization.create`, `auth.login.failed`. */
  action: string;
  targetType?: string;
  targetId?: string;
  /** A short before/after account of the change; never secrets. */
  summary?: Record<string, unknown>;
  /** Who, when unsigned (a failed login names the email tried). */
  actorEmail?: string;
}

/** How often a process writes a checkpoint while entries keep coming. */
const CHECKPOINT_EVERY_MS = 60_000;

/** The authentication and operation log: every entry hash-linked to the one before it. */
@Injectable()
export class AuditService {
  private lastCheckpointAt = Number.NEGATIVE_INFINITY;
  private lastCheckpointSeq: string | null = null;

  constructor(
    private readonly repository: AuditRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly keys: AuditKeys,
    private readonly checkpoints: AuditCheckpoints,
    private readonly clock: Clock,
  ) {}

  /** An entry with no change to commit with (an export read, a refused request): in a transaction of its own. */
  recordOnItsOwn(context: RequestContext, action: AuditAction, now = new Date()): Promise<AuditEntry> {
    return this.unitOfWork.run((transaction) => this.record(transaction, context, action, now));
  }

  /** Inside the caller's transaction: the entry commits or rolls back with the change it records. */
  record(
    transaction: Transaction,
    context: RequestContext,
    action: AuditAction,
    now = new Date(),
  ): Promise<AuditEntry> {
    return this.repository.append(transaction, entryFields(context, action, now));
  }

  /** Adds entries to a statement that writes the changes they record: they commit together. */
  recordIn(
    statement: AtomicStatement,
    entries: ReadonlyArray<{ context: RequestContext; action: AuditAction }>,
    now = new Date(),
  ): void {
    this.repository.appendIn(
      statement,
      entries.map(({ context, action }) => entryFields(context, action, now)),
    );
  }

  /** When `action` happened since `since`, for one target or from one address (login throttling). */
  occurrences(action: string, where: { targetId?: string; ip?: string }, since: Date): Promise<Date[]> {
    return this.repository.occurrences(action, where, since);
  }

  list(filter: AuditFilter, limit: number, beforeId?: string): Promise<AuditEntry[]> {
    return this.repository.list(filter, limit, beforeId);
  }

  stream(filter: AuditFilter = {}): AsyncGenerator<AuditEntry> {
    return this.repository.stream(filter);
  }

  /**
   * Links pending entries into the hash chain (the `audit/seal` job runs this every few seconds),
   * then, at most once a minute per process, writes a signed checkpoint of the head outside the database.
   */
  async seal(): Promise<number> {
    const sealed = await this.repository.seal();
    if (this.clock.now() - this.lastCheckpointAt >= CHECKPOINT_EVERY_MS) await this.checkpoint();
    return sealed;
  }

  /** Appends a signed checkpoint of the chain's head, when it moved since this process's last one. */
  async checkpoint(): Promise<void> {
    const head = await this.repository.head();
    this.lastCheckpointAt = this.clock.now();
    if (!head || head.seq === this.lastCheckpointSeq) return;
    await this.checkpoints.append(
      signedCheckpoint(head.seq, head.hash, new Date(this.lastCheckpointAt), this.keys.current),
    );
    this.lastCheckpointSeq = head.seq;
  }

  /** Seals what is pending, then re-computes the whole chain against the checkpoints. */
  verify(): Promise<ChainVerdict> {
    return verifySealedChain(this.repository, this.keys, this.checkpoints);
  }
}

function entryFields(context: RequestContext, action: AuditAction, now: Date): AuditEntryFields {
  return {
    occurredAt: now,
    actorId: context.actor?.userId ?? null,
    actorEmail: context.actor?.email ?? action.actorEmail ?? null,
    action: action.action,
    targetType: action.targetType ?? null,
    targetId: action.targetId ?? null,
    summary: JSON.parse(JSON.stringify(action.summary ?? {})) as Record<string, unknown>,
    ip: context.ip,
    userAgent: context.userAgent?.slice(0, 500) ?? null,
    requestId: context.requestId,
  };
}
