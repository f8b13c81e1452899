import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';

import type { SkipCode } from '../domain/call';
import type { ImportFormat } from '../domain/import-format';

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface SkippedLine {
  line: number;
  reason: string;
}

/** Skipped lines of one reason: how many, and the first few as examples. */
export interface SkippedGroup {
  reason: SkipCode;
  count: number;
  firstLines: Array<{ line: number; text: string; detail: string }>;
}

const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => Number(value ?? 0) };

/** One uploaded file being (or having been) imported; its counters are the import's report. */
@Entity('telephony_import')
@Index('telephony_import_created_idx', ['createdAt'])
@Check('telephony_import_status_check', `"status" IN ('queued', 'running', 'completed', 'failed')`)
@Check('telephony_import_format_check', `"format" IN ('asterisk-queue-log', 'csv')`)
export class TelephonyImportEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  format!: ImportFormat;

  /** A live feed (lines imported as they arrive over one long upload), not a stored file. */
  @Column({ type: 'boolean', default: false })
  live!: boolean;

  /**
   * A live feed's heartbeat: while its upload is connected, the PBX has told everything up to here
   * even when no line came (a quiet queue). It stops with the feed, or with the process holding it.
   */
  @Column({ name: 'live_until', type: 'timestamptz', nullable: true })
  liveUntil!: Date | null;

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: ImportStatus;

  @Column({ name: 'byte_size', type: 'bigint', transformer: bigintAsNumber })
  byteSize!: number;

  @Column({ name: 'chunk_count', type: 'integer' })
  chunkCount!: number;

  /** The first chunk not yet imported: a retried job resumes here. */
  @Column({ name: 'next_chunk', type: 'integer', default: 0 })
  nextChunk!: number;

  @Column({ name: 'bytes_read', type: 'bigint', default: 0, transformer: bigintAsNumber })
  bytesRead!: number;

  @Column({ name: 'lines_read', type: 'integer', default: 0 })
  linesRead!: number;

  @Column({ name: 'calls_created', type: 'integer', default: 0 })
  callsCreated!: number;

  @Column({ name: 'calls_updated', type: 'integer', default: 0 })
  callsUpdated!: number;

  @Column({ name: 'lines_skipped', type: 'integer', default: 0 })
  linesSkipped!: number;

  @Column({ name: 'unknown_events', type: 'integer', default: 0 })
  unknownEvents!: number;

  @Column({ name: 'presence_changes', type: 'integer', default: 0 })
  presenceChanges!: number;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors!: SkippedLine[];

  @Column({ name: 'skipped_by_reason', type: 'jsonb', default: () => `'[]'` })
  skippedByReason!: SkippedGroup[];

  /** The first and last event instant the import delivered (null until a chunk with events is in). */
  @Column({ name: 'coverage_from', type: 'timestamptz', nullable: true })
  coverageFrom!: Date | null;

  @Column({ name: 'coverage_to', type: 'timestamptz', nullable: true })
  coverageTo!: Date | null;

  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  /** Who uploaded it; null for a live feed sent with the PBX token. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'telephony_import_created_by_fkey' })
  creator?: UserEntity;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
