import { Feed } from 'feed';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

import { escapeHtml } from '@madoguchi/mail/domain';

export interface CalendarWindow {
  id: string;
  title: string;
  description: string;
  startsAt: number;
  endsAt: number;
  url: string;
  cancelled: boolean;
  /** Bumped on every change, so calendar apps replace their copy. */
  sequence: number;
  stamp: number;
}

/**
 * A moved, changed or cancelled event's SEQUENCE, the same in the e-mailed .ics and in the feed:
 * the seconds from the announcement to the change, so each later change is higher, all above the
 * announcement's 0.
 */
export function changeSequence(publishedAt: number, changedAt: number): number {
  return Math.max(1, Math.floor((changedAt - publishedAt) / 1000));
}

/**
 * Maintenance windows as iCalendar (RFC 5545): the `.ics` attached to an announcement and the
 * subscribable feed. UIDs are stable per window, so an update or cancellation replaces the event.
 */
export function maintenanceCalendar(windows: CalendarWindow[], options: { name: string; host: string }): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Madoguchi', product: 'status', language: 'JA' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const window of windows)
    calendar.createEvent({
      id: `maintenance-${window.id}@${options.host}`,
      start: new Date(window.startsAt),
      end: new Date(window.endsAt),
      stamp: new Date(window.stamp),
      summary: window.title,
      description: window.description,
      url: window.url,
      sequence: window.sequence,
      status: window.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  return calendar.toString();
}

export interface FeedEntry {
  id: string;
  title: string;
  summary: string;
  url: string;
  updatedAt: number;
}

/** The status page's history as an Atom feed (newest first). */
export function statusAtomFeed(
  entries: FeedEntry[],
  options: { title: string; url: string; feedUrl: string; language: string },
): string {
  const feed = new Feed({
    id: options.url,
    title: options.title,
    link: options.url,
    language: options.language,
    copyright: '',
    updated: new Date(entries[0]?.updatedAt ?? 0),
    feedLinks: { atom: options.feedUrl },
  });
  for (const entry of entries)
    feed.addItem({
      id: entry.id,
      // The feed library marks titles and summaries as HTML: our text is text, so escape it.
      title: escapeHtml(entry.title),
      link: entry.url,
      description: escapeHtml(entry.summary),
      date: new Date(entry.updatedAt),
    });
  return feed.atom1();
}
