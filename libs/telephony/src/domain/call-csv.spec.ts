import { isCallCsvHeader, parseCallCsvRow } from './call-csv';

describe('call CSV rows', () => {
  it('derives wait and talk seconds from the times', () => {
    expect(
      parseCallCsvRow(
        'c-1,support,0312345678,2026-11-30T10:00:00+09:00,2026-11-30T10:00:45+09:00,2026-11-30T10:05:45+09:00,answered,"Suzuki, Ichiro"',
      ),
    ).toEqual({
      pbxCallId: 'c-1',
      queue: 'support',
      callerNumber: '0312345678',
      enteredAt: Date.parse('2026-11-30T10:00:00+09:00'),
      enteredAtEstimated: false,
      answeredAt: Date.parse('2026-11-30T10:00:45+09:00'),
      endedAt: Date.parse('2026-11-30T10:05:45+09:00'),
      outcome: 'answered',
      waitSeconds: 45,
      talkSeconds: 300,
      agent: 'Suzuki, Ichiro',
    });
  });

  it('explains what is wrong with a row', () => {
    const skipped = (code: string, reason: RegExp) => ({ code, reason: expect.stringMatching(reason) });
    expect(parseCallCsvRow('c-1,support')).toEqual(skipped('csv-columns', /expected 8 columns/));
    expect(parseCallCsvRow('c-1,q,03,2026-11-30 10:00,,,,')).toEqual(skipped('bad-time', /entered_at .* ISO 8601/));
    expect(parseCallCsvRow('c-1,q,03,2026-11-30T10:00:00Z,,,lost,')).toEqual(skipped('bad-outcome', /outcome "lost"/));
    expect(parseCallCsvRow('c-1,q,03,2026-11-30T10:00:00Z,2026-11-30T09:00:00Z,,answered,')).toEqual(
      skipped('time-order', /times must run/),
    );
    expect(parseCallCsvRow(`c-1,q,${'9'.repeat(150)},2026-11-30T10:00:00Z,,,,`)).toEqual(
      skipped('too-long', /callerNumber is 150 characters long/),
    );
  });

  it('recognizes its header, with or without a byte-order mark', () => {
    expect(isCallCsvHeader('\uFEFFcall_id,queue,caller_number,entered_at,answered_at,ended_at,outcome,agent')).toBe(
      true,
    );
    expect(isCallCsvHeader('id,queue')).toBe(false);
  });
});
