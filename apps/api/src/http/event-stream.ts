import type { FastifyReply } from 'fastify';

/** How often a quiet stream says it is alive: proxies close connections idle for a minute or so. */
const KEEP_ALIVE_MS = 20_000;
/** How long the browser waits before reconnecting after the stream ends. */
const RETRY_MS = 3_000;

export interface EventStream {
  /** One event; `id` comes back as Last-Event-ID when the browser reconnects. */
  send(event: string, data: unknown, id?: number): void;
  end(): void;
}

/**
 * Answers the request with a server-sent event stream (text/event-stream) that stays open until
 * the browser leaves or `end()` is called. The headers the hooks already set (security policy,
 * request id) are kept; the stream bypasses Fastify's serialisation from here on.
 */
export function openEventStream(reply: FastifyReply, onClose: () => void): EventStream {
  reply.hijack();
  const raw = reply.raw;
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) raw.setHeader(name, value);
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // nginx would otherwise buffer the stream and deliver the events late, in a bunch.
    'x-accel-buffering': 'no',
  });
  raw.write(`retry: ${RETRY_MS}\n\n`);
  const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  let open = true;
  const finish = () => {
    if (!open) return false;
    open = false;
    clearInterval(keepAlive);
    onClose();
    return true;
  };
  // The browser left: let the socket go too, or the server's close would wait on it.
  const left = () => {
    if (finish()) raw.destroy();
  };
  raw.on('close', left);
  raw.on('error', left);
  return {
    send(event, data, id) {
      if (open) raw.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      if (finish()) raw.end();
    },
  };
}
