import { Readable } from 'node:stream';

import type { Principal } from '@madoguchi/common';
import { CallQueryService, ImportRunnerService, ImportUploadService } from '@madoguchi/telephony';

import { type ApplicationUnderTest, startApplication } from '../../support/application';
import { queueLogFrom } from '../../support/pbx-import';
import { waitFor } from '../../support/wait-for';

/** Monday 30 November 2026, 09:00 in Tokyo. */
const { base: BASE, line } = queueLogFrom('2026-11-30T09:00:00+09:00');
const QUEUE_LOG = [
  line(60, 'A|support|NONE|ENTERQUEUE||0312345678|1'),
  line(63, 'A|support|NONE|ABANDON|1|1|3'),
  line(600, 'C|support|NONE|ENTERQUEUE||0333334444|1'),
  line(645, 'C|support|Agent/1002|CONNECT|45|1764461445.99|4'),
  line(765, 'C|support|Agent/1002|COMPLETECALLER|45|120|1'),
];

describe('ImportUploadService', () => {
  let app: ApplicationUnderTest;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication({ IMPORT_MAX_MB: '1' });
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('stores an upload as it arrives, queues it, and the runner imports its calls once', async () => {
    const upload = await app
      .get(ImportUploadService)
      .receive(app.as(manager), 'asterisk-queue-log', Readable.from(QUEUE_LOG), 'queue_log');
    expect(upload).toMatchObject({ status: 'queued', fileName: 'queue_log', byteSize: QUEUE_LOG.join('').length });
    const queries = app.get(CallQueryService);
    await waitFor(async () => (await queries.importReport(upload.id)).status === 'completed', 'the import to run');
    expect(await queries.importReport(upload.id)).toMatchObject({
      linesRead: 5,
      callsCreated: 2,
      linesSkipped: 0,
      progress: 1,
      coverage: { from: '2026-11-30T09:01:00+09:00', to: '2026-11-30T09:12:45+09:00' },
    });
    const calls = await queries.list({ from: new Date(BASE * 1000), to: new Date((BASE + 3600) * 1000) }, 10);
    expect(calls.items.map((call) => [call.pbxCallId, call.outcome])).toEqual([
      ['A', 'abandoned'],
      ['C', 'answered'],
    ]);
    // A second run (a redelivered job) finds it completed and changes nothing.
    expect(await app.get(ImportRunnerService).run(upload.id)).toMatchObject({ status: 'completed', callsCreated: 2 });
    expect(await app.audited('telephony.import', upload.id)).toHaveLength(1);
  });

  it('refuses a file that is not the format named, and one over IMPORT_MAX_MB, keeping nothing', async () => {
    const uploads = app.get(ImportUploadService);
    await expect(
      uploads.receive(
        app.as(manager),
        'asterisk-queue-log',
        Readable.from(['uid,date_time,callid\n1,2,3\n']),
        'calls.csv',
      ),
    ).rejects.toMatchObject({ code: 'import.wrong-format' });
    const big = Array.from({ length: 1100 }, () => line(60, `X|support|NONE|ENTERQUEUE||${'0'.repeat(960)}|1`));
    await expect(
      uploads.receive(app.as(manager), 'asterisk-queue-log', Readable.from(big), 'big'),
    ).rejects.toMatchObject({
      code: 'import.too-large',
    });
    expect((await app.get(CallQueryService).recentImports()).map((job) => job.fileName)).toEqual(['queue_log']);
  });
});
