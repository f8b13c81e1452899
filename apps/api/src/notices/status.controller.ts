import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { CalendarService } from '@madoguchi/business-calendar';
import { AppConfig } from '@madoguchi/config';
import {
  changeSequence,
  formatNoticeTime,
  incidentStatusLabel,
  inLanguage,
  maintenanceCalendar,
  type NoticeLanguage,
  statusAtomFeed,
  StatusPageService,
} from '@madoguchi/notices';

import { Public } from '../auth/auth.decorators';
import { acceptsGzip } from '../http/compression';
import { Endpoint } from '../http/endpoint.decorator';
import { StatusFeedQuery, StatusResponseDto } from './notices.dto';
import { PublicStatus, STATUS_SNAPSHOT_TTL_MS } from './public-status';

/** The words feeds add around managers' text; a feed is read in one language. */
const FEED_WORDS: Record<NoticeLanguage, { title: string; calendar: string; cancelled: string; emergency: string }> = {
  ja: { title: '障害・メンテナンス情報', calendar: 'メンテナンス予定', cancelled: '【中止】', emergency: '【緊急】' },
  en: {
    title: 'Service status',
    calendar: 'Scheduled maintenance',
    cancelled: '[Cancelled] ',
    emergency: '[Emergency] ',
  },
};

/** How the tag of the gzipped JSON ends (`"…-gzip"`), the identity's being `"…"`. */
const GZIP_TAG_SUFFIX = '-gzip"';

/** The public status: JSON for machines, Atom for readers, iCalendar for calendars. No sign-in. */
@ApiTags('status')
@Public()
@Controller()
export class StatusController {
  constructor(
    private readonly status: PublicStatus,
    private readonly notices: StatusPageService,
    private readonly config: AppConfig,
    private readonly calendars: CalendarService,
  ) {}

  @Endpoint({
    response: StatusResponseDto,
    summary: 'Current status per service, open incidents, maintenance in progress and upcoming, and 90 days of history',
    description:
      `Served from a snapshot rebuilt on every change and at least every ${STATUS_SNAPSHOT_TTL_MS / 1000} s; ` +
      `cacheable for as long (\`Cache-Control: public, max-age=${STATUS_SNAPSHOT_TTL_MS / 1000}\`).`,
    notModified: 'The `ETag` sent in `If-None-Match` is still the current one: nothing changed',
  })
  @Get('api/v1/status')
  async current(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const snapshot = await this.status.snapshot();
    const gzipped = acceptsGzip(acceptEncoding);
    // Each encoding is its own representation, with its own tag (RFC 9110 §8.8.3).
    reply
      .header('cache-control', `public, max-age=${STATUS_SNAPSHOT_TTL_MS / 1000}`)
      .header('etag', gzipped ? snapshot.etag.replace(/"$/, GZIP_TAG_SUFFIX) : snapshot.etag)
      .header('vary', 'accept-encoding');
    if (matchesEtag(ifNoneMatch, snapshot.etag)) return reply.status(304).send();
    reply.header('content-type', 'application/json; charset=utf-8');
    if (gzipped) return reply.header('content-encoding', 'gzip').send(snapshot.gzippedJson);
    return reply.send(snapshot.json);
  }

  @Endpoint({
    download: 'application/atom+xml',
    summary: 'Incident updates and maintenance announcements of the last 90 days (Atom), in Japanese or `lang=en`',
  })
  @Get('status/feed.atom')
  async atom(@Query() query: StatusFeedQuery, @Res() reply: FastifyReply) {
    const language = query.lang ?? 'ja';
    const text = (ja: string, en: string | null) => inLanguage(language, ja, en);
    // The feeds carry notices only: no service figures are computed for them.
    const [status, zone] = await Promise.all([this.notices.notices(), this.calendars.timeZone('support-hours')]);
    // An English reader's link switches the site to English on the way (the page has no language of its own).
    const pageUrl = this.url(language === 'en' ? '/lang/en?next=%2Fstatus' : '/status');
    const incidents = [...status.openIncidents, ...status.history.incidents].flatMap((incident) =>
      incident.updates
        .filter((update) => update.publishedAt)
        .map((update) => ({
          id: `urn:madoguchi:incident-update:${update.id}`,
          title: `${text(incident.title, incident.titleEn)} — ${incidentStatusLabel(update.status, language)}`,
          summary: text(update.message.ja, update.message.en),
          url: `${pageUrl}#incident-${incident.id}`,
          updatedAt: Date.parse(update.publishedAt!),
        })),
    );
    const windows = [...status.maintenanceInProgress, ...status.upcomingMaintenance, ...status.history.maintenance];
    const maintenance = windows.map((window) => {
      const marks = [
        ...(window.cancelledAt ? [FEED_WORDS[language].cancelled] : []),
        ...(window.emergency ? [FEED_WORDS[language].emergency] : []),
      ].join('');
      const [starts, ends] = [window.startsAt, window.endsAt].map((iso) =>
        formatNoticeTime(Date.parse(iso), zone, language),
      );
      const when = `${starts} – ${ends}`;
      return {
        id: `urn:madoguchi:maintenance:${window.id}`,
        title: `${marks}${text(window.title, window.titleEn)} (${when})`,
        summary: text(window.message.ja, window.message.en),
        url: `${pageUrl}#maintenance-${window.id}`,
        updatedAt: Date.parse(window.cancelledAt ?? window.publishedAt),
      };
    });
    const entries = [...incidents, ...maintenance].sort((a, b) => b.updatedAt - a.updatedAt);
    const xml = statusAtomFeed(entries, {
      title: FEED_WORDS[language].title,
      url: pageUrl,
      feedUrl: this.url(language === 'en' ? '/status/feed.atom?lang=en' : '/status/feed.atom'),
      language,
    });
    return reply.header('content-type', 'application/atom+xml; charset=utf-8').send(xml);
  }

  @Endpoint({
    download: 'text/calendar',
    summary:
      'Maintenance windows (upcoming and of the last 90 days) as a subscribable iCalendar feed, in Japanese or `lang=en`',
  })
  @Get('status/maintenance.ics')
  async ics(@Query() query: StatusFeedQuery, @Res() reply: FastifyReply) {
    const language = query.lang ?? 'ja';
    const text = (ja: string, en: string | null) => inLanguage(language, ja, en);
    const status = await this.notices.notices();
    const windows = [...status.maintenanceInProgress, ...status.upcomingMaintenance, ...status.history.maintenance];
    const calendar = maintenanceCalendar(
      windows.map((window) => {
        // The same SEQUENCE as the .ics mailed with the last change (a move, new text, the cancellation).
        const lastChange = window.cancelledAt ?? window.changedAt;
        return {
          id: window.id,
          title: `${window.emergency ? FEED_WORDS[language].emergency : ''}${text(window.title, window.titleEn)}`,
          description: text(window.message.ja, window.message.en),
          startsAt: Date.parse(window.startsAt),
          endsAt: Date.parse(window.endsAt),
          url: this.url('/status'),
          cancelled: window.cancelledAt !== null,
          sequence: lastChange ? changeSequence(Date.parse(window.publishedAt), Date.parse(lastChange)) : 0,
          stamp: Date.parse(lastChange ?? window.publishedAt),
        };
      }),
      { name: FEED_WORDS[language].calendar, host: new URL(this.config.PUBLIC_BASE_URL).hostname },
    );
    return reply.header('content-type', 'text/calendar; charset=utf-8').send(calendar);
  }

  private url(path: string): string {
    return new URL(path, this.config.PUBLIC_BASE_URL).toString();
  }
}

/** `If-None-Match` names this ETag, in either encoding (a list, a weak form, or `*`; RFC 9110 §13.1.2). */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, '').replace(GZIP_TAG_SUFFIX, '"'))
    .some((tag) => tag === '*' || tag === etag);
}
