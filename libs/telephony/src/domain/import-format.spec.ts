import { lineReader, uploadMismatch } from './import-format';

describe('uploadMismatch', () => {
  it('recognises a database-table export of queue_log by its header row, in either format', () => {
    const header = 'uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,htime,ttime,time';
    expect(uploadMismatch(header, 'asterisk-queue-log')).toBe('queue-log-table-export');
    expect(uploadMismatch(header, 'csv')).toBe('queue-log-table-export');
    expect(uploadMismatch('"time";"callid";"queuename";"agent";"event";"data"', 'asterisk-queue-log')).toBe(
      'queue-log-table-export',
    );
  });

  it('tells a queue_log from the call CSV, and lets each through as itself', () => {
    const queueLog = '1764460900|A|support|NONE|ENTERQUEUE||0312345678|1';
    const csvHeader = '\uFEFFcall_id,queue,caller_number,entered_at,answered_at,ended_at,outcome,agent';
    expect(uploadMismatch(queueLog, 'asterisk-queue-log')).toBeNull();
    expect(uploadMismatch(csvHeader, 'csv')).toBeNull();
    expect(uploadMismatch(queueLog, 'csv')).toBe('queue-log-as-call-csv');
    expect(uploadMismatch(csvHeader, 'asterisk-queue-log')).toBe('call-csv-as-queue-log');
    expect(uploadMismatch('Hello, this is a letter', 'asterisk-queue-log')).toBe('not-a-pbx-log');
    expect(uploadMismatch('', 'asterisk-queue-log')).toBeNull();
  });
});

describe('lineReader', () => {
  it('skips a line with control characters as binary, and reports the events it read as its coverage', () => {
    const reader = lineReader('asterisk-queue-log');
    expect(reader.read('1764460900|NONE|NONE|NONE|QUEUESTART|', 1)).toEqual({ kind: 'used' });
    expect(reader.read('1764460950|A|q|NONE|ENTER\u0000QUEUE||03|1', 2)).toMatchObject({
      kind: 'skipped',
      code: 'binary',
    });
    expect(reader.read('1764461000|NONE|q|NONE|SOMETHINGNEW|', 3)).toEqual({ kind: 'unknown' });
    expect(reader.take().coverage).toEqual({ from: 1764460900_000, to: 1764461000_000 });
    expect(reader.take().coverage).toBeNull();
  });
});
