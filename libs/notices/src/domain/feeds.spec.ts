import { maintenanceCalendar, statusAtomFeed } from './feeds';

describe('feeds', () => {
  it('maintenance windows as iCalendar events with stable ids, cancelled ones flagged', () => {
    const text = maintenanceCalendar(
      [
        {
          id: 'a1',
          title: 'DB 更新',
          description: 'サービス停止',
          startsAt: Date.parse('2027-06-05T01:00:00+09:00'),
          endsAt: Date.parse('2027-06-05T05:00:00+09:00'),
          url: 'https://status.example/status',
          cancelled: true,
          sequence: 1,
          stamp: Date.parse('2026-11-28T01:00:00Z'),
        },
      ],
      { name: 'Maintenance', host: 'status.example' },
    );
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain('UID:maintenance-a1@status.example');
    expect(text).toContain('DTSTART:20270604T160000Z');
    expect(text).toContain('DTEND:20270604T200000Z');
    expect(text).toContain('SUMMARY:DB 更新');
    expect(text).toContain('STATUS:CANCELLED');
    expect(text).toContain('SEQUENCE:1');
  });

  it('history as Atom with escaped text', () => {
    const xml = statusAtomFeed(
      [
        {
          id: 'urn:x:1',
          title: 'Outage <b> & co',
          summary: 'resolved',
          url: 'https://s/status#1',
          updatedAt: Date.parse('2026-11-28T01:00:00Z'),
        },
      ],
      { title: 'Status', url: 'https://s/status', feedUrl: 'https://s/status/feed.atom', language: 'ja' },
    );
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(xml).toContain('<id>urn:x:1</id>');
    expect(xml).toContain('Outage &lt;b&gt; &amp; co');
    expect(xml).toContain('<updated>2026-11-28T01:00:00.000Z</updated>');
  });
});
