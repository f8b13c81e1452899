import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { Clock, type Principal, type RequestContext } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';

import {
  CANNED_PLACEHOLDERS,
  type CannedPlaceholder,
  fillPlaceholders,
  mayManageCannedReply,
  unknownPlaceholders,
} from '../domain/canned-reply';
import { cannedReplyNotFound, cannedReplySharedByManagers, unknownCannedPlaceholders } from '../domain/tickets.errors';
import type { CannedReplyEntity } from '../infrastructure/canned-reply.entity';
import { type CannedReplyFields, CannedReplyRepository } from '../infrastructure/canned-reply.repository';

export interface CannedReply {
  id: string;
  title: string;
  body: string;
  /** A personal reply of the viewer's (else shared by the desk). */
  personal: boolean;
  /** Whether the viewer may edit and delete it. */
  editable: boolean;
}

export interface CannedReplyInput extends CannedReplyFields {
  personal?: boolean;
}

/**
 * Reply texts agents insert and then edit: shared ones (managers keep them) and each agent's own.
 * Placeholders (`{{requester.name}}`…) are checked when saved and filled in per ticket. Every
 * change is audited.
 */
@Injectable()
export class CannedReplyService {
  constructor(
    private readonly replies: CannedReplyRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(viewer: Principal): Promise<CannedReply[]> {
    return (await this.replies.visibleTo(viewer.userId)).map((reply) => this.view(viewer, reply));
  }

  /** One reply the viewer sees (shared, or their own). */
  async get(viewer: Principal, id: string): Promise<CannedReply> {
    const reply = (await this.list(viewer)).find((candidate) => candidate.id === id);
    if (!reply) throw cannedReplyNotFound(id);
    return reply;
  }

  /** The viewer's replies with the placeholders filled in for one ticket, as the reply box inserts them. */
  async filledFor(viewer: Principal, values: Record<CannedPlaceholder, string>): Promise<CannedReply[]> {
    return (await this.list(viewer)).map((reply) => ({ ...reply, body: fillPlaceholders(reply.body, values) }));
  }

  async create(context: RequestContext, input: CannedReplyInput): Promise<CannedReply> {
    const viewer = context.actor!;
    const ownerId = input.personal ? viewer.userId : null;
    if (!mayManageCannedReply(viewer, { ownerId })) throw cannedReplySharedByManagers();
    const fields = checked(input);
    return this.unitOfWork.run(async (transaction) => {
      const reply = await this.replies.insert(transaction, {
        id: randomUUID(),
        ...fields,
        ownerId,
        createdBy: viewer.userId,
      });
      await this.record(transaction, context, 'canned-reply.create', reply);
      return this.view(viewer, reply);
    });
  }

  async update(context: RequestContext, id: string, input: CannedReplyFields): Promise<CannedReply> {
    const fields = checked(input);
    return this.unitOfWork.run(async (transaction) => {
      const current = await this.managed(transaction, context.actor!, id);
      const reply = await this.replies.update(transaction, current.id, fields, new Date(this.clock.now()));
      await this.record(transaction, context, 'canned-reply.update', reply);
      return this.view(context.actor!, reply);
    });
  }

  delete(context: RequestContext, id: string): Promise<void> {
    return this.unitOfWork.run(async (transaction) => {
      const reply = await this.managed(transaction, context.actor!, id);
      await this.replies.delete(transaction, id);
      await this.record(transaction, context, 'canned-reply.delete', reply);
    });
  }

  /** The reply, locked, if the viewer may change it: another agent's personal reply does not exist for them. */
  private async managed(transaction: Transaction, viewer: Principal, id: string): Promise<CannedReplyEntity> {
    const reply = await this.replies.findForUpdate(transaction, id);
    if (!reply || (reply.ownerId !== null && reply.ownerId !== viewer.userId)) throw cannedReplyNotFound(id);
    if (!mayManageCannedReply(viewer, reply)) throw cannedReplySharedByManagers();
    return reply;
  }

  private view(viewer: Principal, reply: CannedReplyEntity): CannedReply {
    return {
      id: reply.id,
      title: reply.title,
      body: reply.body,
      personal: reply.ownerId !== null,
      editable: mayManageCannedReply(viewer, reply),
    };
  }

  private record(transaction: Transaction, context: RequestContext, action: string, reply: CannedReplyEntity) {
    return this.audit.record(transaction, context, {
      action,
      targetType: 'canned_reply',
      targetId: reply.id,
      summary: { title: reply.title, personal: reply.ownerId !== null },
    });
  }
}

function checked(input: CannedReplyFields): CannedReplyFields {
  const unknown = unknownPlaceholders(input.body);
  if (unknown.length > 0) throw unknownCannedPlaceholders(unknown, CANNED_PLACEHOLDERS);
  return { title: input.title.trim(), body: input.body };
}
