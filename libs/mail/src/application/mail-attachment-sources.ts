import { Injectable, Logger } from '@nestjs/common';

import type { MailAttachment, StoredAttachment } from '../domain/mail-message';

/** Reads the files one source keeps, by id; an id it no longer has is simply absent from the answer. */
export type AttachmentLoader = (ids: readonly string[]) => Promise<Array<MailAttachment & { id: string }>>;

/**
 * Where the files an outbox message names are read from when it is sent. The outbox keeps only
 * their ids (a reply's 20 screenshots are not copied into every queued message); each library that
 * keeps files registers its loader here, so the mail library depends on none of them.
 */
@Injectable()
export class MailAttachmentSources {
  private readonly logger = new Logger(MailAttachmentSources.name);
  private readonly loaders = new Map<string, AttachmentLoader>();

  register(source: string, loader: AttachmentLoader): void {
    this.loaders.set(source, loader);
  }

  /**
   * The files, in the order named. One that cannot be read any more (its source unknown here, the
   * file gone) is left out and logged: the message is still worth sending, and says where the files are.
   */
  async load(stored: readonly StoredAttachment[] | undefined): Promise<MailAttachment[]> {
    if (!stored?.length) return [];
    const bySource = new Map<string, string[]>();
    for (const { source, id } of stored) bySource.set(source, [...(bySource.get(source) ?? []), id]);
    const found = new Map<string, MailAttachment>();
    for (const [source, ids] of bySource) {
      const loader = this.loaders.get(source);
      const files = loader ? await loader(ids) : [];
      for (const { id, ...file } of files) found.set(`${source}:${id}`, file);
    }
    const missing = stored.filter(({ source, id }) => !found.has(`${source}:${id}`));
    if (missing.length > 0) this.logger.warn({ missing }, 'mail attachments no longer readable; sent without them');
    return stored.flatMap(({ source, id }) => found.get(`${source}:${id}`) ?? []);
  }
}
