import { CannedReplyService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('CannedReplyService', () => {
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    app = await startApplication();
  });

  afterAll(() => app?.close());

  it('keeps a shared reply with a trimmed title and its author, audited', async () => {
    const agent = await app.user('agent');
    const replies = app.get(CannedReplyService);
    const reply = await replies.create(app.as(agent), { title: ' 再設定の案内 ', body: '以下の手順で…\n' });
    expect(reply).toMatchObject({ title: '再設定の案内', body: '以下の手順で…\n', createdBy: agent.userId });
    expect((await replies.list()).map((listed) => listed.id)).toContain(reply.id);
    expect(await app.audited('canned-reply.create', reply.id)).toEqual([
      { actorId: agent.userId, summary: { title: '再設定の案内' } },
    ]);
  });
});
