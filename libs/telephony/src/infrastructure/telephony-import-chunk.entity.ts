import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A slice of an uploaded file, cut at a line break, kept in the database so the worker that imports
 * it need not share a disk with the API that received it. Deleted once the import completes.
 */
@Entity('telephony_import_chunk')
export class TelephonyImportChunkEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid', primaryKeyConstraintName: 'telephony_import_chunk_pkey' })
  importId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'telephony_import_chunk_pkey' })
  seq!: number;

  @Column({ type: 'bytea' })
  data!: Buffer;
}
