import { type ClientRequest, get, type IncomingMessage } from 'node:http';

/** One server-sent event as the browser's EventSource would hand it over. */
export interface ServerSentEvent {
  id?: string;
  event: string;
  data: unknown;
}

/**
 * A server-sent event stream read over real HTTP, as EventSource reads it: tests wait for the
 * event they expect (`next`) or check that none came (`quiet`).
 */
export class EventStreamClient {
  private readonly events: ServerSentEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private request?: ClientRequest;
  ended = false;

  private constructor(readonly status: number) {}

  /**
   * Opens the stream with node:http rather than fetch: undici opens a spare connection after an
   * aborted stream, which keeps the server's close waiting for its keep-alive timeout.
   */
  static open(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
    return new Promise((resolve, reject) => {
      const request = get(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false }, (response) => {
        const client = new EventStreamClient(response.statusCode ?? 0);
        client.request = request;
        if (client.status === 200) void client.read(response);
        else {
          client.ended = true;
          response.resume();
        }
        resolve(client);
      });
      request.on('error', reject);
    });
  }

  /** The first event not yet taken that matches, waiting up to `timeoutMs` for it. */
  async next(matches: (event: ServerSentEvent) => boolean = () => true, timeoutMs = 10_000): Promise<ServerSentEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex(matches);
      if (index >= 0) return this.events.splice(index, 1)[0]!;
      if (this.ended) throw new Error('the stream ended before the event came');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Every event received and not yet taken, after waiting `ms` for stragglers. */
  async pending(ms: number): Promise<ServerSentEvent[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return [...this.events];
  }

  close(): void {
    this.request?.destroy();
  }

  private async read(body: IncomingMessage): Promise<void> {
    body.setEncoding('utf8');
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += chunk as string;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close(), or the server went away: either way the stream is over.
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private parse(block: string): void {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || !line.includes(':')) continue;
      const [name, ...rest] = line.split(':');
      fields[name!] = rest.join(':').replace(/^ /, '');
    }
    if (fields.data === undefined) return;
    this.events.push({ id: fields.id, event: fields.event ?? 'message', data: JSON.parse(fields.data) });
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }
}
