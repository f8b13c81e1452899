import { parseQueueLogLine } from './queue-log';
import { QueueLogFolder } from './queue-log-folder';

function fold(lines: string[]) {
  const folder = new QueueLogFolder();
  const outcomes = lines.map((text, index) => {
    const parsed = parseQueueLogLine(text);
    return parsed.ok ? folder.apply(parsed.line, index + 1) : parsed.reason;
  });
  return { outcomes, ...folder.take() };
}

describe('QueueLogFolder', () => {
  it('estimates when a call entered from its wait when the ENTERQUEUE line is in an earlier file', () => {
    const { calls } = fold([
      '1764460910|X|support|Agent/1|CONNECT|10|y|2',
      '1764461210|X|support|Agent/1|COMPLETEAGENT|10|300|1',
    ]);
    expect(calls).toEqual([
      expect.objectContaining({
        pbxCallId: 'X',
        enteredAt: 1764460900_000,
        enteredAtEstimated: true,
        answeredAt: 1764460910_000,
        outcome: 'answered',
        talkSeconds: 300,
      }),
    ]);
  });

  it('reads holdtime and calltime from the end of a transfer, whatever the method put first', () => {
    const { calls } = fold([
      '1764460900|A|q|NONE|ENTERQUEUE||03|1',
      '1764461000|A|q|Agent/2|ATTENDEDTRANSFER|BRIDGE|bridge-id|40|60|1',
      '1764461100|B|q|NONE|ENTERQUEUE||04|1',
      '1764461200|B|q|Agent/3|ATTENDEDTRANSFER|LINK|SIP/1-1|SIP/2-2|20|80|1',
    ]);
    expect(calls.map((c) => [c.pbxCallId, c.outcome, c.waitSeconds, c.talkSeconds, c.agent])).toEqual([
      ['A', 'transferred', 40, 60, 'Agent/2'],
      ['B', 'transferred', 20, 80, 'Agent/3'],
    ]);
  });

  it('keeps a pause reason, counts unknown events apart, and names what is wrong with a bad line', () => {
    const { outcomes, presence } = fold([
      '1764460900|NONE|q|SIP/1|PAUSE|lunch',
      '1764460901|NONE|q|NONE|NEWEVENT|',
      '1764460902|NONE|q|NONE|ABANDON|1|1|3',
      '1764460903|A|q|NONE|ABANDON|1|1|three',
      '1764460904|NONE|q|NONE|PAUSE|x',
    ]);
    expect(presence).toEqual([{ agent: 'SIP/1', at: 1764460900_000, state: 'paused', reason: 'lunch', ordinal: 1 }]);
    expect(outcomes).toEqual([
      null,
      'unknown',
      { code: 'no-call-id', reason: 'ABANDON has no call id' },
      { code: 'bad-number', reason: 'wait time "three" is not a whole number of seconds' },
      { code: 'no-agent', reason: 'PAUSE names no agent' },
    ]);
  });

  it('hands over one batch at a time', () => {
    const folder = new QueueLogFolder();
    const parsed = parseQueueLogLine('1764460900|A|q|NONE|ENTERQUEUE||03|1');
    if (!parsed.ok) throw new Error(parsed.reason);
    folder.apply(parsed.line, 1);
    expect(folder.take().calls).toHaveLength(1);
    expect(folder.take()).toEqual({ calls: [], presence: [] });
  });
});
