import { timeBuckets } from './time-buckets';

const at = (local: string) => Date.parse(`${local}+09:00`);

describe('timeBuckets', () => {
  it('cuts days, Monday weeks and months at local midnight; the first starts with the period', () => {
    expect(timeBuckets(at('2026-11-29T12:00:00'), at('2026-12-02T00:00:00'), 'day', 'Asia/Tokyo')).toEqual([
      { key: '2026-11-29', start: at('2026-11-29T12:00:00') },
      { key: '2026-11-30', start: at('2026-11-30T00:00:00') },
      { key: '2026-12-01', start: at('2026-12-01T00:00:00') },
    ]);
    expect(
      timeBuckets(at('2026-11-26T00:00:00'), at('2026-12-08T00:00:00'), 'week', 'Asia/Tokyo').map((b) => b.key),
    ).toEqual(['2026-11-26', '2026-11-30', '2026-12-07']);
    expect(
      timeBuckets(at('2026-11-15T00:00:00'), at('2027-02-01T00:00:00'), 'month', 'Asia/Tokyo').map((b) => b.key),
    ).toEqual(['2026-11-15', '2026-12-01', '2027-01-01']);
    expect(
      timeBuckets(at('2026-11-01T00:00:00'), at('2026-12-01T00:00:00'), 'week', 'Asia/Tokyo').map((b) => b.key),
    ).toEqual(['2026-11-01', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
  });

  it('follows daylight saving time where a zone has it', () => {
    const days = timeBuckets(
      Date.parse('2026-03-07T05:00:00Z'),
      Date.parse('2026-03-10T04:00:00Z'),
      'day',
      'America/New_York',
    );
    expect(days.map((b) => new Date(b.start).toISOString())).toEqual([
      '2026-03-07T05:00:00.000Z',
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ]);
  });
});
