import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';

import { managerOf, type Transaction } from '@madoguchi/database';

import { TelephonyImportEntity } from './telephony-import.entity';
import { TelephonyImportChunkEntity } from './telephony-import-chunk.entity';

export type NewImport = Pick<
  TelephonyImportEntity,
  'id' | 'format' | 'fileName' | 'status' | 'byteSize' | 'chunkCount' | 'createdBy'
> &
  Partial<Pick<TelephonyImportEntity, 'live' | 'startedAt' | 'liveUntil'>>;

/** `telephony_import` and its stored chunks: a PBX file (or live feed) and how far its import got. */
@Injectable()
export class TelephonyImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records the import inside the caller's transaction; it as stored. */
  async create(transaction: Transaction, job: NewImport): Promise<TelephonyImportEntity> {
    const manager = managerOf(transaction);
    await manager.insert(TelephonyImportEntity, job);
    return manager.findOneByOrFail(TelephonyImportEntity, { id: job.id });
  }

  find(id: string): Promise<TelephonyImportEntity | null> {
    return this.dataSource.getRepository(TelephonyImportEntity).findOneBy({ id });
  }

  /** The most recent imports, newest first. */
  recent(limit: number): Promise<TelephonyImportEntity[]> {
    return this.dataSource.getRepository(TelephonyImportEntity).find({ order: { createdAt: 'DESC' }, take: limit });
  }

  /** Imports not finished (queued or running), for the runner's start-up sweep. */
  async unfinishedIds(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(TelephonyImportEntity)
      .find({ where: { status: In(['queued', 'running']) }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  async markRunning(id: string): Promise<void> {
    await this.dataSource
      .getRepository(TelephonyImportEntity)
      .update({ id }, { status: 'running', startedAt: new Date() });
  }

  /**
   * Records a chunk's progress if chunk `seq` is still the one to commit (a second runner of the
   * same import finds it taken); whether it was.
   */
  async checkpoint(
    transaction: Transaction,
    id: string,
    seq: number,
    progress: Partial<TelephonyImportEntity>,
  ): Promise<boolean> {
    const result = await managerOf(transaction).update(TelephonyImportEntity, { id, nextChunk: seq }, progress);
    return result.affected === 1;
  }

  /** Marks the import completed and drops its chunks. */
  async complete(transaction: Transaction, id: string): Promise<void> {
    const manager = managerOf(transaction);
    await manager.update(TelephonyImportEntity, { id }, { status: 'completed', finishedAt: new Date() });
    await manager.delete(TelephonyImportChunkEntity, { importId: id });
  }

  /** Marks an unfinished import failed for good and drops its chunks. */
  async fail(transaction: Transaction, id: string, reason: string): Promise<void> {
    const manager = managerOf(transaction);
    await manager.update(
      TelephonyImportEntity,
      { id, status: In(['queued', 'running']) },
      { status: 'failed', failure: reason.slice(0, 2000), finishedAt: new Date() },
    );
    await manager.delete(TelephonyImportChunkEntity, { importId: id });
  }

  /** A live feed's heartbeat: the PBX has told us what happened up to `at`. */
  async heartbeat(id: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(TelephonyImportEntity).update({ id }, { liveUntil: at });
  }

  /** A live feed that ended (or was cut off: `failure`). */
  async finishFeed(id: string, liveUntil: Date, failure: string | null): Promise<TelephonyImportEntity> {
    const imports = this.dataSource.getRepository(TelephonyImportEntity);
    await imports.update({ id }, { status: 'completed', finishedAt: new Date(), liveUntil, failure });
    return imports.findOneByOrFail({ id });
  }

  async storeChunk(importId: string, seq: number, data: Buffer): Promise<void> {
    await this.dataSource.getRepository(TelephonyImportChunkEntity).insert({ importId, seq, data });
  }

  /** Chunk `seq` of the import, as bytes (PGlite hands bytea back as a Uint8Array, pg as a Buffer). */
  async chunk(importId: string, seq: number): Promise<Buffer> {
    const row = await this.dataSource.getRepository(TelephonyImportChunkEntity).findOneByOrFail({ importId, seq });
    return Buffer.from(row.data);
  }

  async deleteChunks(importId: string): Promise<void> {
    await this.dataSource.getRepository(TelephonyImportChunkEntity).delete({ importId });
  }
}
