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
