import { Injectable } from '@nestjs/common';

import { STATUS_HISTORY_DAYS } from '@madoguchi/notices';

import type { Language } from '../../i18n/i18n';
import type { StatusSnapshot } from '../../notices/public-status';
import { PreparedHtml } from '../shared/prepared-html';
import { ViewRenderer } from '../shared/view-renderer';
import { namesOf } from './notices.page-models';

/**
 * The status page's content, rendered (and deflated) once per status snapshot and language (and
 * display zone), so that a page everyone reloads during an outage costs each request only its
 * frame: the header that knows the viewer, and the nonces of its inline script and style.
 */
@Injectable()
export class StatusPageBody {
  private snapshotEtag = '';
  private readonly rendered = new Map<string, Promise<PreparedHtml>>();

  constructor(private readonly views: ViewRenderer) {}

  html(snapshot: StatusSnapshot, reader: { language: Language; timeZone: string }): Promise<PreparedHtml> {
    if (snapshot.etag !== this.snapshotEtag) {
      this.rendered.clear();
      this.snapshotEtag = snapshot.etag;
    }
    const key = `${reader.language} ${reader.timeZone}`;
    let html = this.rendered.get(key);
    if (html === undefined) {
      const { view: status } = snapshot;
      html = PreparedHtml.of(
        this.views.renderShared('notices/status-body', reader, {
          status,
          serviceNames: namesOf(status.services, reader.language),
          days: STATUS_HISTORY_DAYS,
        }),
        snapshot.etag,
      );
      this.rendered.set(key, html);
    }
    return html;
  }
}
