import { formatDurationForPeople, formatInstant, zoneLabel } from './people-time';

const at = (iso: string) => Date.parse(iso);
const TOKYO = 'Asia/Tokyo';

describe('formatInstant', () => {
  const now = at('2026-12-01T10:00:00+09:00');

  it('writes Japan time for Japanese readers as they write it, without the zone', () => {
    expect(formatInstant(at('2026-12-02T13:01:37+09:00'), { timeZone: TOKYO, language: 'ja', now })).toBe(
      '12月2日(水) 13:01',
    );
  });

  it('names the zone for English readers always', () => {
    expect(formatInstant(at('2026-12-02T13:01:00+09:00'), { timeZone: TOKYO, language: 'en', now })).toBe(
      'Wed 2 Dec, 13:01 JST (UTC+9)',
    );
  });

  it('adds the year only when it is not the reader’s, and seconds only when asked', () => {
    const nextYear = at('2027-01-05T09:00:05+09:00');
    expect(formatInstant(nextYear, { timeZone: TOKYO, language: 'ja', now })).toBe('2027年1月5日(火) 09:00');
    expect(formatInstant(nextYear, { timeZone: TOKYO, language: 'en', now })).toBe(
      'Tue, 5 Jan 2027, 09:00 JST (UTC+9)',
    );
    expect(formatInstant(nextYear, { timeZone: TOKYO, language: 'ja', now: nextYear, seconds: true })).toBe(
      '1月5日(火) 09:00:05',
    );
  });

  it('takes the year in the zone: the last hours of 31 December UTC are New Year in Tokyo', () => {
    const newYear = at('2026-12-31T15:30:00Z');
    expect(formatInstant(newYear, { timeZone: TOKYO, language: 'ja', now })).toBe('2027年1月1日(金) 00:30');
  });

  it('names the zone for a Japanese reader when asked, and any zone without a known name by its offset', () => {
    const instant = at('2026-12-02T13:01:00+09:00');
    expect(formatInstant(instant, { timeZone: TOKYO, language: 'ja', now, zone: 'always' })).toBe(
      '12月2日(水) 13:01 JST',
    );
    expect(formatInstant(instant, { timeZone: 'America/St_Johns', language: 'ja', now })).toBe(
      '12月2日(水) 00:31 UTC−3:30',
    );
    expect(zoneLabel(instant, 'Europe/London', 'en')).toBe('UTC+0');
  });
});

describe('formatDurationForPeople', () => {
  it.each([
    [(3 * 60 + 58) * 60_000, '3時間58分', '3 h 58 min'],
    [2 * 3_600_000, '2時間', '2 h'],
    [45 * 60_000 + 29_000, '45分', '45 min'],
    [0, '0分', '0 min'],
    [-90 * 60_000, '−1時間30分', '−1 h 30 min'],
    [30 * 3_600_000, '30時間', '30 h'],
  ])('%d ms is 「%s」 / "%s"', (milliseconds, japanese, english) => {
    expect(formatDurationForPeople(milliseconds, 'ja')).toBe(japanese);
    expect(formatDurationForPeople(milliseconds, 'en')).toBe(english);
  });
});
