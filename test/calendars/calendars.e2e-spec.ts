import { Factories } from '../factories';
import { ApiClient } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe('business calendar API', () => {
  let t: TestApp;
  let make: Factories;
  let manager: ApiClient;
  let agent: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    make = await Factories.for(t);
    manager = (await make.staff('manager')).api;
    agent = (await make.staff('agent')).api;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists the built-in calendars without sign-in', async () => {
    const response = await t.api.get('/api/v1/calendars');
    expect(response.status).toBe(200);
    expect(response.json.items.map((c: { id: string }) => c.id)).toEqual(['always-open', 'support-hours']);
    const support = await t.api.get('/api/v1/calendars/support-hours');
    expect(support.json).toMatchObject({
      timeZone: 'Asia/Tokyo',
      holidays: 'jp',
      weekly: {
        saturday: [],
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
      },
    });
  });

  it('measures business time in the calendar’s offset', async () => {
    const response = await t.api.get(
      `/api/v1/calendars/support-hours/business-time?${q({ from: '2026-11-30T01:00:00Z', to: '2026-12-01T10:30:00+09:00' })}`,
    );
    expect(response.json).toEqual({
      from: '2026-11-30T10:00:00+09:00',
      to: '2026-12-01T10:30:00+09:00',
      milliseconds: 7.5 * 3_600_000,
      duration: 'PT7H30M',
    });
    const backwards = await t.api.get(
      `/api/v1/calendars/support-hours/business-time?${q({ from: '2026-12-01T10:30:00+09:00', to: '2026-11-30T10:00:00+09:00' })}`,
    );
    expect(backwards.json).toMatchObject({ milliseconds: -7.5 * 3_600_000, duration: '-PT7H30M' });
  });

  it('adds and subtracts business time', async () => {
    const friday = await t.api.get(
      `/api/v1/calendars/support-hours/add-business-time?${q({ from: '2026-11-27T16:00:00+09:00', duration: 'PT4H' })}`,
    );
    expect(friday.json).toEqual({
      from: '2026-11-27T16:00:00+09:00',
      duration: 'PT4H',
      at: '2026-11-30T12:00:00+09:00',
    });
    const back = await t.api.get(
      `/api/v1/calendars/support-hours/add-business-time?${q({ from: '2026-11-30T13:30:00+09:00', duration: '-PT3H' })}`,
    );
    expect(back.json.at).toBe('2026-11-30T09:30:00+09:00');
  });

  it('tells whether it is open and when it opens next', async () => {
    const closed = await t.api.get(
      `/api/v1/calendars/support-hours/next-open?${q({ at: '2026-09-22T10:00:00+09:00' })}`,
    );
    expect(closed.json).toEqual({ at: '2026-09-24T09:00:00+09:00', openNow: false });
    const open = await t.api.get(`/api/v1/calendars/support-hours/next-open?${q({ at: '2026-11-30T10:00:00+09:00' })}`);
    expect(open.json).toEqual({ at: '2026-11-30T10:00:00+09:00', openNow: true });
  });

  it('lists open intervals, at most 366 days', async () => {
    const response = await t.api.get(
      `/api/v1/calendars/support-hours/open-intervals?${q({ from: '2026-11-27T00:00:00+09:00', to: '2026-11-30T00:00:00+09:00' })}`,
    );
    expect(response.json.intervals).toEqual([
      { start: '2026-11-27T09:00:00+09:00', end: '2026-11-27T12:00:00+09:00' },
      { start: '2026-11-27T13:00:00+09:00', end: '2026-11-27T17:00:00+09:00' },
    ]);
    const tooLong = await t.api.get(
      `/api/v1/calendars/support-hours/open-intervals?${q({ from: '2026-01-01T00:00:00Z', to: '2027-01-03T00:00:00Z' })}`,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.errors).toEqual([{ field: 'to', messages: ['the range may span at most 366 days'] }]);
  });

  it('answers bad parameters with 400 naming each, an unknown calendar with 404, and years without holiday data with 422', async () => {
    const bad = await t.api.get(
      `/api/v1/calendars/support-hours/add-business-time?${q({ from: '2026-11-30 10:00', duration: '4 hours' })}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(['from', 'duration']);
    const missing = await t.api.get('/api/v1/calendars/support-hours/business-time?from=2026-11-30T10:00:00Z');
    expect(missing.json.errors).toEqual([{ field: 'to', messages: ['to is required (ISO 8601 with offset)'] }]);
    const unknown = await t.api.get(`/api/v1/calendars/nope/next-open?${q({ at: '2026-11-30T10:00:00Z' })}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('calendar.not-found');
    const future = await t.api.get(
      `/api/v1/calendars/support-hours/next-open?${q({ at: '2055-01-01T10:00:00+09:00' })}`,
    );
    expect(future.status).toBe(422);
    expect(future.json).toMatchObject({
      code: 'calendar.out-of-range',
      rule: 'calendar.holiday-data-range',
      lastYear: 2050,
    });
  });

  const yearEndDesk = {
    id: 'year-end-desk',
    name: '年末年始窓口',
    timeZone: 'Asia/Tokyo',
    weekly: {
      sunday: [],
      monday: [{ start: '10:00', end: '16:00' }],
      tuesday: [],
      wednesday: [],
      thursday: [],
      friday: [],
      saturday: [],
    },
    holidays: 'jp',
    closedDates: [],
    openDates: [{ date: '2026-12-29', intervals: [{ start: '10:00', end: '12:00' }] }],
  };

  it('lets managers create and change calendars, audited; agents and visitors may not', async () => {
    expect((await agent.request('POST', '/api/v1/calendars', yearEndDesk)).status).toBe(403);
    expect((await t.api.request('POST', '/api/v1/calendars', yearEndDesk)).status).toBe(401);
    const created = await manager.request('POST', '/api/v1/calendars', yearEndDesk);
    expect(created.status).toBe(201);
    expect((await manager.request('POST', '/api/v1/calendars', yearEndDesk)).status).toBe(409);

    const before = await t.api.get(
      `/api/v1/calendars/year-end-desk/business-time?${q({ from: '2026-12-28T00:00:00+09:00', to: '2026-12-30T00:00:00+09:00' })}`,
    );
    expect(before.json.duration).toBe('PT8H');
    const changed = await manager.request('PUT', '/api/v1/calendars/year-end-desk', {
      ...yearEndDesk,
      closedDates: ['2026-12-28'],
    });
    expect(changed.status).toBe(200);
    const after = await t.api.get(
      `/api/v1/calendars/year-end-desk/business-time?${q({ from: '2026-12-28T00:00:00+09:00', to: '2026-12-30T00:00:00+09:00' })}`,
    );
    expect(after.json.duration).toBe('PT2H');

    const audit = (await make.admin.get('/api/v1/audit-events?targetId=year-end-desk')).json.items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['calendar.update', 'calendar.create']);
    expect(audit[0].summary.after.closedDates).toEqual(['2026-12-28']);
  });

  it('refuses an invalid definition field by field, changing nothing', async () => {
    const response = await manager.request('PUT', '/api/v1/calendars/support-hours', {
      ...yearEndDesk,
      timeZone: 'Mars/Olympus',
      weekly: { ...yearEndDesk.weekly, monday: [{ start: '13:00', end: '12:00' }] },
      closedDates: ['2026-02-30'],
    });
    expect(response.status).toBe(400);
    expect(response.json.errors.map((e: { field: string }) => e.field)).toEqual([
      'timeZone',
      'weekly.monday[0]',
      'closedDates[0]',
    ]);
    expect((await t.api.get('/api/v1/calendars/support-hours')).json.timeZone).toBe('Asia/Tokyo');
  });
});
