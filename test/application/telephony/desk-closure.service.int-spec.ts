import type { Principal } from '@madoguchi/common';
import { DeskClosureService } from '@madoguchi/telephony';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

const at = (local: string) => new Date(`${local}+09:00`);

describe('DeskClosureService', () => {
  let app: ApplicationUnderTest;
  let closures: DeskClosureService;
  let manager: Principal;

  beforeAll(async () => {
    app = await startApplication();
    closures = app.get(DeskClosureService);
    manager = await app.user('manager');
  });

  afterAll(() => app?.close());

  it('records a closure in the desk’s zone, lists it for the periods it overlaps, and removes it', async () => {
    const closure = await closures.record(app.as(manager), {
      startsAt: at('2026-12-02T13:00:00'),
      endsAt: at('2026-12-02T15:00:00'),
      reason: '停電',
    });
    expect(closure).toMatchObject({
      startsAt: '2026-12-02T13:00:00+09:00',
      endsAt: '2026-12-02T15:00:00+09:00',
      reason: '停電',
      createdBy: manager.userId,
    });
    const listed = async (from: string, to: string) =>
      (await closures.list(at(from), at(to))).map((listedClosure) => listedClosure.id);
    expect(await listed('2026-12-02T14:00:00', '2026-12-02T14:30:00')).toEqual([closure.id]);
    expect(await listed('2026-12-02T15:00:00', '2026-12-03T00:00:00')).toEqual([]);
    await closures.remove(app.as(manager), closure.id);
    expect(await listed('2026-12-02T00:00:00', '2026-12-03T00:00:00')).toEqual([]);
    expect((await app.audited('closure.remove', closure.id)).map((entry) => entry.actorId)).toEqual([manager.userId]);
  });

  it('refuses a closure that ends before it starts, and removing one twice', async () => {
    await expect(
      closures.record(app.as(manager), {
        startsAt: at('2026-12-02T15:00:00'),
        endsAt: at('2026-12-02T15:00:00'),
        reason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'closure.empty' });
    await expect(closures.remove(app.as(manager), '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'closure.not-found',
    });
  });
});
