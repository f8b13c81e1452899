import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { type Principal, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { type SavedView, SavedViewRepository } from '../infrastructure/saved-view.repository';

/** The desk parameters a view keeps; anything else in the address (a page cursor) is left out. */
export const SAVED_VIEW_PARAMETERS = [
  'queue',
  'q',
  'status',
  'priority',
  'category',
  'channel',
  'assignee',
  'group',
  'tag',
  'organization',
  'sort',
] as const;

/** Enough views for every way of working; a list, not a store. */
export const MAX_SAVED_VIEWS = 20;

/** Each agent's named desk filters: saved from the desk, opened from its list, theirs alone. */
@Injectable()
export class SavedViewService {
  constructor(
    private readonly views: SavedViewRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(viewer: Principal): Promise<SavedView[]> {
    return this.views.of(viewer.userId);
  }

  /** Saves the desk's current filters under a name (the same name replaces that view). */
  async save(
    context: RequestContext,
    name: string,
    parameters: Record<string, string | undefined>,
  ): Promise<SavedView> {
    const viewer = context.actor!;
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 60)
      throw new ValidationFailedError([
        {
          field: 'name',
          messages: ['must be 1 to 60 characters'],
          rule: 'lengthBetween',
          params: { min: '1', max: '60' },
        },
      ]);
    const query = new URLSearchParams(
      SAVED_VIEW_PARAMETERS.flatMap((key): Array<[string, string]> => {
        const value = parameters[key];
        return value ? [[key, value.slice(0, 100)]] : [];
      }),
    ).toString();
    const view = { id: randomUUID(), name: trimmed, query };
    await this.unitOfWork.run(async (transaction) => {
      const { count, has } = await this.views.countAndHas(transaction, viewer.userId, trimmed);
      if (!has && count >= MAX_SAVED_VIEWS)
        throw new ValidationFailedError([
          {
            field: 'name',
            messages: [`at most ${MAX_SAVED_VIEWS} views`],
            rule: 'saved-view.too-many',
            params: { max: String(MAX_SAVED_VIEWS) },
          },
        ]);
      await this.views.upsert(transaction, viewer.userId, view);
      await this.audit.record(transaction, context, {
        action: 'saved-view.save',
        targetType: 'user',
        targetId: viewer.userId,
        summary: { name: trimmed, query },
      });
    });
    return view;
  }

  async delete(context: RequestContext, id: string): Promise<void> {
    await this.unitOfWork.run(async (transaction) => {
      if (await this.views.delete(transaction, context.actor!.userId, id))
        await this.audit.record(transaction, context, {
          action: 'saved-view.delete',
          targetType: 'user',
          targetId: context.actor!.userId,
          summary: { id },
        });
    });
  }
}
