import { request as httpRequest } from 'node:http';

import type { ApiClient } from './api-client';
import { waitFor } from './wait-for';

/** Uploads a PBX log as `manager` and waits for its import to finish; returns the import's report. */
export async function importPbxLog(
  manager: ApiClient,
  text: string | Buffer,
  format: 'asterisk-queue-log' | 'csv' = 'asterisk-queue-log',
): Promise<Record<string, unknown>> {
  const accepted = await manager.upload(`/api/v1/telephony/imports?format=${format}`, text);
  expect(accepted.status).toBe(202);
  expect(accepted.json).toEqual({ id: expect.any(String), status: 'queued' });
  let report: Record<string, unknown> = {};
  await waitFor(async () => {
    report = (await manager.get(`/api/v1/telephony/imports/${accepted.json.id}`)).json;
    return report.status === 'completed' || report.status === 'failed';
  }, 'the import to finish');
  return report;
}

/** One long chunked upload, written piece by piece, as `tail -F queue_log | curl -T -` sends it. */
export function openFeed(baseUrl: string, authorization: string) {
  const url = new URL('/api/v1/telephony/feed', baseUrl);
  const request = httpRequest(url, {
    method: 'POST',
    headers: { authorization, 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
  });
  const response = new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    request.on('error', reject);
  });
  return {
    write: (text: string) => new Promise<void>((resolve) => request.write(text, () => resolve())),
    end: () => {
      request.end();
      return response;
    },
  };
}

/**
 * Asterisk queue_log lines timed from `startsAt` (ISO 8601 with offset), each with its newline:
 * `line(60, 'A|support|NONE|ENTERQUEUE||0312345678|1')` is a call entering the queue a minute in.
 */
export function queueLogFrom(startsAt: string) {
  const base = Date.parse(startsAt) / 1000;
  return { base, line: (offset: number, rest: string) => `${base + offset}|${rest}\n` };
}
