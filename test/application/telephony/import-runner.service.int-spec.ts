import { Readable } from 'node:stream';

import type { Principal } from '@madoguchi/common';
import { CallQueryService, ImportRunnerService, ImportUploadService } from '@madoguchi/telephony';

import { type ApplicationUnderTest, startApplication } from '../../support/application';
import { queueLogFrom } from '../../support/pbx-import';

const { line } = queueLogFrom('2026-11-30T09:00:00+09:00');

describe('ImportRunnerService', () => {
  let app: ApplicationUnderTest;
  let manager: Principal;

  beforeAll(async () => {
    // No job processors: an upload stays queued until this spec runs it.
    app = await startApplication({ RUN_WORKERS: 'false' });
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  const upload = (lines: string[]) =>
    app.get(ImportUploadService).receive(app.as(manager), 'asterisk-queue-log', Readable.from(lines), null);

  it('imports a queued upload chunk by chunk, reports skipped lines by reason, and a rerun changes nothing', async () => {
    const queued = await upload([
      line(60, 'A|support|NONE|ENTERQUEUE||0312345678|1'),
      'garbage\n',
      line(90, 'A|support|NONE|ABANDON|1|1|30'),
    ]);
    const runner = app.get(ImportRunnerService);
    const done = await runner.run(queued.id);
    expect(done).toMatchObject({ status: 'completed', linesRead: 3, callsCreated: 1, linesSkipped: 1 });
    expect((await app.get(CallQueryService).importReport(queued.id)).skippedByReason).toEqual([
      expect.objectContaining({ count: 1, firstLines: [expect.objectContaining({ line: 2, text: 'garbage' })] }),
    ]);
    expect(await runner.run(queued.id)).toMatchObject({ status: 'completed', callsCreated: 1, linesRead: 3 });
  });

  it('marks an import failed for good, with the reason', async () => {
    const queued = await upload([line(60, 'B|support|NONE|ENTERQUEUE||0311112222|1')]);
    await app.get(ImportRunnerService).fail(queued.id, 'ran out of attempts');
    expect(await app.get(CallQueryService).importReport(queued.id)).toMatchObject({
      status: 'failed',
      failure: 'ran out of attempts',
    });
  });
});
