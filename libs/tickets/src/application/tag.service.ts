import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';

import { distinctTagNames, MAX_TAGS_PER_TICKET, tagName, tagNameProblem } from '../domain/ticket-tag';
import { invalidTagName, tagNameTaken, tagNotFound, tooManyTags, unknownTags } from '../domain/tickets.errors';
import { type Tag, TagRepository } from '../infrastructure/tag.repository';

export type { Tag };

/** The desk's tag list (managers keep it; everyone tags tickets from it). */
@Injectable()
export class TagService {
  constructor(
    private readonly tags: TagRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Tag[]> {
    return this.tags.list();
  }

  async get(id: string): Promise<Tag> {
    const tag = await this.unitOfWork.run((transaction) => this.tags.find(transaction, id));
    if (!tag) throw tagNotFound(id);
    return tag;
  }

  async create(context: RequestContext, typed: string): Promise<Tag> {
    const name = tagName(typed);
    const problem = tagNameProblem(name);
    if (problem) throw invalidTagName('name', problem);
    const tag = { id: randomUUID(), name };
    return this.unitOfWork.run(async (transaction) => {
      if (!(await this.tags.insert(transaction, tag))) throw tagNameTaken(name);
      await this.audit.record(transaction, context, {
        action: 'tag.create',
        targetType: 'tag',
        targetId: tag.id,
        summary: { name },
      });
      return tag;
    });
  }

  /** Takes the tag off the list and off every ticket that carries it. */
  async delete(context: RequestContext, id: string): Promise<void> {
    await this.unitOfWork.run(async (transaction) => {
      const tag = await this.tags.find(transaction, id);
      if (!tag) throw tagNotFound(id);
      const tickets = await this.tags.delete(transaction, id);
      await this.audit.record(transaction, context, {
        action: 'tag.delete',
        targetType: 'tag',
        targetId: id,
        summary: { name: tag.name, tickets },
      });
    });
  }

  /**
   * The listed tags these names mean (cleaned, case aside), in the order given; a name not on the
   * list is refused for `field` rather than added, so the list stays the managers'.
   */
  async resolve(field: string, names: readonly string[], transaction?: Transaction): Promise<Tag[]> {
    const wanted = distinctTagNames(names);
    if (wanted.length > MAX_TAGS_PER_TICKET) throw tooManyTags(field, MAX_TAGS_PER_TICKET);
    const found = new Map((await this.tags.named(wanted, transaction)).map((tag) => [tag.name.toLowerCase(), tag]));
    const missing = wanted.filter((name) => !found.has(name.toLowerCase()));
    if (missing.length > 0) throw unknownTags(field, missing);
    return wanted.map((name) => found.get(name.toLowerCase())!);
  }
}
