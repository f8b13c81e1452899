/**
 * autocannon in a process of its own, so that generating load does not take the event loop of the
 * process under test. Requests say they take gzip, as browsers do. Talks over IPC: receives `{urls, connections, seconds?, rate?}` (`rate`: requests/s
 * over all connections; without it, as fast as answers come), answers with the figures when done;
 * `'stop'` ends an open-ended run (no `seconds`) early.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  /** Requested round-robin. */
  urls: string[];
  connections: number;
  seconds?: number;
  rate?: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSec: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers other than 2xx/304, and connection errors or timeouts. */
  failures: number;
  bytesPerRequest: number;
}

let running: autocannon.Instance | undefined;

process.on('message', (message: LoadRequest | 'stop') => {
  if (message === 'stop') return running?.stop();
  const [first, ...others] = message.urls.map((url) => new URL(url));
  running = autocannon(
    {
      url: first!.origin,
      connections: message.connections,
      duration: message.seconds ?? 3_600,
      ...(message.rate ? { overallRate: message.rate } : {}),
      // What a browser sends: the server may answer gzipped.
      headers: { 'accept-encoding': 'gzip, deflate, br' },
      requests: [first!, ...others].map((url) => ({ method: 'GET', path: `${url.pathname}${url.search}` })),
    },
    (error, result) => {
      if (error) throw error;
      const requests = result.requests.total;
      process.send!({
        requests,
        requestsPerSec: Math.round(requests / (result.duration || 1)),
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        failures: result.non2xx + result.errors + result.timeouts,
        bytesPerRequest: requests ? Math.round(result.throughput.total / requests) : 0,
      } satisfies LoadResult);
    },
  );
});
