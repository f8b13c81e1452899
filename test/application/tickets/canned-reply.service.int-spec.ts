import { DomainError, ValidationFailedError } from '@madoguchi/common';
import { CannedReplyService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('CannedReplyService', () => {
  let app: ApplicationUnderTest;
  let replies: CannedReplyService;

  beforeAll(async () => {
    app = await startApplication();
    replies = app.get(CannedReplyService);
  });

  afterAll(() => app?.close());

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
    );

  it('keeps a manager’s shared reply with a trimmed title, audited; every agent sees it but cannot change it', async () => {
    const manager = await app.user('manager');
    const agent = await app.user('agent');
    const reply = await replies.create(app.as(manager), { title: ' 再設定の案内 ', body: '以下の手順で…\n' });
    expect(reply).toMatchObject({ title: '再設定の案内', body: '以下の手順で…\n', personal: false, editable: true });
    expect(await app.audited('canned-reply.create', reply.id)).toEqual([
      { actorId: manager.userId, summary: { title: '再設定の案内', personal: false } },
    ]);
    expect((await replies.list(agent)).find((listed) => listed.id === reply.id)).toMatchObject({ editable: false });
    expect(await codeOf(replies.update(app.as(agent), reply.id, { title: 'x', body: 'y' }))).toBe(
      'canned-reply.shared-by-managers',
    );
    expect(await codeOf(replies.delete(app.as(agent), reply.id))).toBe('canned-reply.shared-by-managers');
    expect(await codeOf(replies.create(app.as(agent), { title: '共有', body: '本文' }))).toBe(
      'canned-reply.shared-by-managers',
    );
  });

  it('a personal reply is its owner’s alone: others neither see nor find it', async () => {
    const owner = await app.user('agent');
    const other = await app.user('manager');
    const mine = await replies.create(app.as(owner), { title: '自分用', body: '本文', personal: true });
    expect(mine).toMatchObject({ personal: true, editable: true });
    expect((await replies.list(other)).map((r) => r.id)).not.toContain(mine.id);
    expect(await codeOf(replies.delete(app.as(other), mine.id))).toBe('canned-reply.not-found');

    const changed = await replies.update(app.as(owner), mine.id, { title: '自分用（改）', body: '新しい本文' });
    expect(changed).toMatchObject({ title: '自分用（改）', body: '新しい本文' });
    await replies.delete(app.as(owner), mine.id);
    expect((await replies.list(owner)).map((r) => r.id)).not.toContain(mine.id);
    expect((await app.audited('canned-reply.delete', mine.id)).length).toBe(1);
  });

  it('refuses an unknown placeholder on the body field and fills the known ones per ticket', async () => {
    const agent = await app.user('agent', { name: '田中 一郎' });
    const refused = await replies
      .create(app.as(agent), { title: '誤字', body: '{{requester.nmae}} 様', personal: true })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationFailedError);
    expect((refused as ValidationFailedError).fieldProblems).toEqual([
      expect.objectContaining({ field: 'body', rule: 'canned-reply.placeholder' }),
    ]);
    await replies.create(app.as(agent), {
      title: '受付',
      body: '{{ requester.name }} 様\nお問い合わせ {{ticket.number}}（{{ticket.subject}}）は {{agent.name}} が担当します。',
      personal: true,
    });
    const filled = await replies.filledFor(agent, {
      'requester.name': '山田 花子',
      'ticket.number': 'MD-2026-000301',
      'ticket.subject': 'ログインできません',
      'agent.name': agent.name,
    });
    expect(filled.find((reply) => reply.title === '受付')?.body).toBe(
      '山田 花子 様\nお問い合わせ MD-2026-000301（ログインできません）は 田中 一郎 が担当します。',
    );
  });
});
