import { decodeKeysetCursor, SettableClock } from '@madoguchi/common';
import { CallLogService, CallQueryService } from '@madoguchi/telephony';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('CallQueryService', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T17:00:00+09:00'));
  let app: ApplicationUnderTest;
  let queries: CallQueryService;
  const day = { from: new Date('2026-12-01T00:00:00+09:00'), to: new Date('2026-12-02T00:00:00+09:00') };

  beforeAll(async () => {
    app = await startApplication({}, { clock });
    queries = app.get(CallQueryService);
    const agent = await app.user('agent', { name: '鈴木' });
    const log = (direction: 'inbound' | 'outbound', at: string) =>
      app.get(CallLogService).log(app.as(agent), {
        direction,
        callerNumber: '0312345678',
        startedAt: new Date(`2026-12-01T${at}:00+09:00`),
        durationSeconds: 60,
        summary: at,
      });
    await log('inbound', '09:10');
    await log('outbound', '10:20');
    await log('inbound', '11:30');
  });

  afterAll(() => app?.close());

  it('lists a period’s calls in the order they came, filtered, a page at a time', async () => {
    const summaries = (page: { items: Array<{ summary: string | null }> }) => page.items.map((call) => call.summary);
    expect(summaries(await queries.list(day, 10))).toEqual(['09:10', '10:20', '11:30']);
    expect(summaries(await queries.list({ ...day, direction: 'inbound' }, 10))).toEqual(['09:10', '11:30']);
    expect(summaries(await queries.list({ ...day, agent: '鈴木', outcome: 'answered' }, 10))).toHaveLength(3);
    const first = await queries.list(day, 2);
    expect(summaries(first)).toEqual(['09:10', '10:20']);
    const rest = await queries.list(day, 2, decodeKeysetCursor(first.nextCursor!)!);
    expect(summaries(rest)).toEqual(['11:30']);
    expect(rest.nextCursor).toBeNull();
    expect(await queries.agents()).toEqual(['鈴木']);
  });

  it('answers an unknown call or import with its own not-found', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(queries.get(unknown)).rejects.toMatchObject({ code: 'call.not-found' });
    await expect(queries.importReport(unknown)).rejects.toMatchObject({ code: 'import.not-found' });
  });
});
