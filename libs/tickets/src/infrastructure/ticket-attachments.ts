import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';

import { AtomicStatement, managerOf, type Transaction } from '@madoguchi/database';

import type { AttachmentFile } from '../domain/attachment';
import { TicketAttachmentEntity } from './ticket-attachment.entity';

export interface AttachmentInfo {
  id: string;
  messageId: string;
  filename: string;
  contentType: string;
  size: number;
}

/** Message attachments: written with their message, listed with the thread, read whole to download. */
@Injectable()
export class TicketAttachments {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds the files of messages to a statement that writes those messages; what will be stored. */
  addIn(statement: AtomicStatement, files: ReadonlyArray<AttachmentFile & { messageId: string }>): AttachmentInfo[] {
    if (files.length === 0) return [];
    const stored = files.map((file) => ({
      id: file.id ?? randomUUID(),
      messageId: file.messageId,
      filename: file.filename,
      contentType: file.contentType,
      size: file.content.length,
    }));
    // Bytes travel as base64 text: the same on Postgres and PGlite, whatever their array encoders do.
    statement.with(
      statement.uniqueName('ticket_attachment'),
      `INSERT INTO ticket_attachment (id, message_id, filename, content_type, size, content)
       SELECT id, message_id, filename, content_type, size, decode(content, 'base64')
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[])
         AS a(id, message_id, filename, content_type, size, content)`,
      [
        stored.map((file) => file.id),
        stored.map((file) => file.messageId),
        stored.map((file) => file.filename),
        stored.map((file) => file.contentType),
        stored.map((file) => file.size),
        files.map((file) => file.content.toString('base64')),
      ],
    );
    return stored;
  }

  /** `addIn` inside the caller's transaction. */
  async insert(
    transaction: Transaction,
    files: ReadonlyArray<AttachmentFile & { messageId: string }>,
  ): Promise<AttachmentInfo[]> {
    const statement = new AtomicStatement();
    const stored = this.addIn(statement, files);
    if (!statement.isEmpty) await statement.run(managerOf(transaction));
    return stored;
  }

  /** The files of these messages, without their bytes, oldest first. */
  async listFor(messageIds: readonly string[]): Promise<AttachmentInfo[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(TicketAttachmentEntity).find({
      where: { messageId: In([...messageIds]) },
      order: { createdAt: 'ASC', filename: 'ASC' },
    });
    return rows.map(({ id, messageId, filename, contentType, size }) => ({
      id,
      messageId,
      filename,
      contentType,
      size,
    }));
  }

  /** The files of a ticket's messages (internal notes' only for staff), without their bytes, oldest first. */
  async listForTicket(ticketId: string, options: { includeInternal: boolean }): Promise<AttachmentInfo[]> {
    const query = this.dataSource
      .getRepository(TicketAttachmentEntity)
      .createQueryBuilder('a')
      .innerJoin('a.message', 'm')
      .where('m.ticketId = :ticketId', { ticketId })
      .orderBy('a.createdAt', 'ASC')
      .addOrderBy('a.filename', 'ASC');
    if (!options.includeInternal) query.andWhere('m.internal = false');
    return (await query.getMany()).map(({ id, messageId, filename, contentType, size }) => ({
      id,
      messageId,
      filename,
      contentType,
      size,
    }));
  }

  /** How many files came with a ticket's first message (what an inbound e-mail that opened it brought). */
  async countOnFirstMessage(ticketId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM ticket_attachment
        WHERE message_id = (SELECT id FROM ticket_message WHERE ticket_id = $1 ORDER BY created_at, id LIMIT 1)`,
      [ticketId],
    )) as Array<{ count: number | string }>;
    return Number(row?.count ?? 0);
  }

  /** Files with their bytes, by id (those that exist): what a reply e-mail carries when it is sent. */
  async readMany(ids: readonly string[]): Promise<Array<AttachmentInfo & { content: Buffer }>> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(TicketAttachmentEntity)
      .createQueryBuilder('a')
      .addSelect('a.content')
      .where('a.id IN (:...ids)', { ids: [...ids] })
      .getMany();
    return rows.map(({ id, messageId, filename, contentType, size, content }) => ({
      id,
      messageId,
      filename,
      contentType,
      size,
      content,
    }));
  }

  /** One file with its bytes, if it came with a message of this ticket (on an internal note: only for staff). */
  async read(
    id: string,
    ticketId: string,
    options: { includeInternal: boolean },
  ): Promise<(AttachmentInfo & { content: Buffer }) | null> {
    const query = this.dataSource
      .getRepository(TicketAttachmentEntity)
      .createQueryBuilder('a')
      .addSelect('a.content')
      .innerJoin('a.message', 'm')
      .where('a.id = :id AND m.ticketId = :ticketId', { id, ticketId });
    if (!options.includeInternal) query.andWhere('m.internal = false');
    const row = await query.getOne();
    return row
      ? {
          id: row.id,
          messageId: row.messageId,
          filename: row.filename,
          contentType: row.contentType,
          size: row.size,
          content: row.content,
        }
      : null;
  }
}
