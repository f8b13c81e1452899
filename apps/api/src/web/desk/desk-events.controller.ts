import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { Principal } from '@madoguchi/common';
import { type LiveEvent, LiveTicketChanges, NotificationService } from '@madoguchi/tickets';

import { RequireRole } from '../../auth/auth.decorators';
import { openEventStream } from '../../http/event-stream';
import { Viewer } from '../shared/page';

/**
 * A stream lives this long, then the browser reconnects (caught up from Last-Event-ID): each
 * reconnect passes the sign-in check again, so a signed-out or deactivated agent stops hearing.
 */
const STREAM_LIFETIME_MS = 5 * 60_000;

/**
 * The desk's live feed (server-sent events): `ticket` for every committed change to a ticket,
 * `notification` with the viewer's unread count when they get one, `resync` when changes may
 * have been missed. The pages decide what concerns them and offer "N 件の新着" rather than jump.
 */
@ApiExcludeController()
@RequireRole('agent')
@Controller('desk')
export class DeskEventsController {
  constructor(
    private readonly live: LiveTicketChanges,
    private readonly notifications: NotificationService,
  ) {}

  @Get('events')
  async events(@Viewer() viewer: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.live.ready();
    const lastEventId = Number(request.headers['last-event-id']);
    let unsubscribe = () => {};
    const stream = openEventStream(reply, () => {
      clearTimeout(lifetime);
      unsubscribe();
    });
    const lifetime = setTimeout(() => stream.end(), STREAM_LIFETIME_MS);
    lifetime.unref();
    const forward = async (event: LiveEvent, sequence: number) => {
      if (event.kind === 'ticket') stream.send('ticket', event.change, sequence);
      else if (event.kind === 'resync') stream.send('resync', {}, sequence);
      else if (event.userId === viewer.userId)
        stream.send('notification', { unread: await this.notifications.unreadCount(viewer) }, sequence);
    };
    unsubscribe = this.live.subscribe(
      {
        event: (event, sequence) => void forward(event, sequence).catch(() => stream.end()),
        end: () => stream.end(),
      },
      Number.isSafeInteger(lastEventId) && lastEventId > 0 ? lastEventId : undefined,
    );
  }
}
