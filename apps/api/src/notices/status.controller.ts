import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { AppConfig } from '@madoguchi/config';
import { cancellationSequence, maintenanceCalendar, statusAtomFeed, StatusPageService } from '@madoguchi/notices';

import { Public } from '../auth/auth.decorators';
import { Endpoint } from '../http/endpoint.decorator';
import { StatusResponseDto } from './notices.dto';

/** The public status: JSON for machines, Atom for readers, iCalendar for calendars. No sign-in. */
@ApiTags('status')
@Public()
@Controller()
export class StatusController {
  constructor(
    private readonly status: StatusPageService,
    private readonly config: AppConfig,
  ) {}

  @Endpoint({
    response: StatusResponseDto,
    summary: 'Current status per service, open incidents, maintenance in progress and upcoming, and 90 days of history',
  })
  @Get('api/v1/status')
  current(): Promise<StatusResponseDto> {
    return this.status.current();
  }

  @Endpoint({
    download: 'application/atom+xml',
    summary: 'Incident updates and maintenance announcements of the last 90 days (Atom)',
  })
  @Get('status/feed.atom')
  async atom(@Res() reply: FastifyReply) {
    const status = await this.status.current();
    const pageUrl = this.url('/status');
    const incidents = [...status.openIncidents, ...status.history.incidents].flatMap((incident) =>
      incident.updates
        .filter((update) => update.publishedAt)
        .map((update) => ({
          id: `urn:madoguchi:incident-update:${update.id}`,
          title: `${incident.title} — ${update.status}`,
          summary: update.message.ja + (update.message.en ? `\n\n${update.message.en}` : ''),
          url: `${pageUrl}#incident-${incident.id}`,
          updatedAt: Date.parse(update.publishedAt!),
        })),
    );
    const windows = [...status.maintenanceInProgress, ...status.upcomingMaintenance, ...status.history.maintenance];
    const maintenance = windows.map((window) => ({
      id: `urn:madoguchi:maintenance:${window.id}`,
      title: `${window.cancelledAt ? '[中止 / Cancelled] ' : ''}${window.emergency ? '[緊急 / Emergency] ' : ''}${window.title} (${window.startsAt} – ${window.endsAt})`,
      summary: window.message.ja + (window.message.en ? `\n\n${window.message.en}` : ''),
      url: `${pageUrl}#maintenance-${window.id}`,
      updatedAt: Date.parse(window.cancelledAt ?? window.publishedAt),
    }));
    const entries = [...incidents, ...maintenance].sort((a, b) => b.updatedAt - a.updatedAt);
    const xml = statusAtomFeed(entries, {
      title: 'Madoguchi status',
      url: pageUrl,
      feedUrl: this.url('/status/feed.atom'),
      language: 'ja',
    });
    return reply.header('content-type', 'application/atom+xml; charset=utf-8').send(xml);
  }

  @Endpoint({
    download: 'text/calendar',
    summary: 'Maintenance windows (upcoming and of the last 90 days) as a subscribable iCalendar feed',
  })
  @Get('status/maintenance.ics')
  async ics(@Res() reply: FastifyReply) {
    const status = await this.status.current();
    const windows = [...status.maintenanceInProgress, ...status.upcomingMaintenance, ...status.history.maintenance];
    const text = maintenanceCalendar(
      windows.map((window) => ({
        id: window.id,
        title: `${window.emergency ? '【緊急】' : ''}${window.title}`,
        description: window.message.ja + (window.message.en ? `\n\n${window.message.en}` : ''),
        startsAt: Date.parse(window.startsAt),
        endsAt: Date.parse(window.endsAt),
        url: this.url('/status'),
        cancelled: window.cancelledAt !== null,
        sequence: window.cancelledAt
          ? cancellationSequence(Date.parse(window.publishedAt), Date.parse(window.cancelledAt))
          : 0,
        stamp: Date.parse(window.cancelledAt ?? window.publishedAt),
      })),
      { name: 'Madoguchi maintenance', host: new URL(this.config.PUBLIC_BASE_URL).hostname },
    );
    return reply.header('content-type', 'text/calendar; charset=utf-8').send(text);
  }

  private url(path: string): string {
    return new URL(path, this.config.PUBLIC_BASE_URL).toString();
  }
}
