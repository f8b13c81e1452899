import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { UserEntity } from '@madoguchi/identity';

import type { DisclosureSnapshot } from '../domain/disclosure';

/** A published monthly disclosure report: its figures and both PDFs, frozen at publication. */
@Entity('disclosure_report')
export class DisclosureReportEntity {
  /** `YYYY-MM`. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'jsonb' })
  snapshot!: DisclosureSnapshot;

  @Column({ name: 'pdf_ja', type: 'bytea' })
  pdfJa!: Buffer;

  @Column({ name: 'pdf_en', type: 'bytea' })
  pdfEn!: Buffer;

  /** Shown on the public /disclosures page. */
  @Column({ name: 'is_public', type: 'boolean', default: false })
  isPublic!: boolean;

  @Column({ name: 'published_by', type: 'uuid' })
  publishedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'published_by', foreignKeyConstraintName: 'disclosure_report_published_by_fkey' })
  publisher?: UserEntity;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}
