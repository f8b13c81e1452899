import { type Principal, SettableClock } from '@madoguchi/common';
import { InquiryService, ReplyPresenceService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('ReplyPresenceService', () => {
  const clock = new SettableClock(Date.parse('2026-12-01T10:00:00+09:00'));
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    app = await startApplication({}, { clock });
  });

  afterAll(() => app?.close());

  it('tells an agent who else is writing a reply, until their heartbeat is 30 s old', async () => {
    const presence = app.get(ReplyPresenceService);
    const [suzuki, sato]: Principal[] = [await app.user('agent', { name: '鈴木' }), await app.user('agent')];
    const { id } = await app.get(InquiryService).submit(app.as(null), {
      name: '客',
      email: 'guest@example.jp',
      subject: '件名',
      body: '本文',
    });
    await presence.beat(suzuki, id);
    expect(await presence.others(sato, id)).toEqual([
      { userId: suzuki.userId, name: '鈴木', since: new Date(clock.now()) },
    ]);
    expect(await presence.others(suzuki, id)).toEqual([]);
    clock.set(clock.now() + 31_000);
    expect(await presence.others(sato, id)).toEqual([]);
    await expect(presence.beat(sato, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'ticket.not-found',
    });
  });
});
