import { SYSTEM_CONTEXT } from '@madoguchi/common';
import { AutoCloseService, InquiryService, SlaScanService, TicketCommandService } from '@madoguchi/tickets';

import { Factories } from '../factories';
import { deliveredMail, recipientsOf } from '../support/mail-folder';
import { startTestApp, TestApp } from '../support/test-app';

const at = (iso: string) => Date.parse(iso);
const inquiry = { name: '田中', email: 'tanaka@example.jp', subject: '請求書について', body: '請求書が届きません。' };

describe('SLA warnings and breaches, on a controllable clock', () => {
  let t: TestApp;
  let scanner: SlaScanService;

  beforeAll(async () => {
    t = await startTestApp();
    await (await Factories.for(t)).staff('manager', { email: 'manager@example.jp' });
    scanner = t.app.get(SlaScanService);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('warns at 75% and breaches at the due instant, once each, however often it scans', async () => {
    // Friday 16:00: first response due Monday 12:00, warning (3 business hours) Monday 11:00.
    const receipt = await t.app
      .get(InquiryService)
      .submit(SYSTEM_CONTEXT, inquiry, undefined, at('2026-11-27T16:00:00+09:00'));
    const mine = (alerts: Awaited<ReturnType<SlaScanService['scan']>>) =>
      alerts.filter((a) => a.ticketId === receipt.id).map((a) => `${a.clock}:${a.kind}`);

    expect(mine(await scanner.scan(at('2026-11-30T10:59:59.999+09:00')))).toEqual([]);
    expect(mine(await scanner.scan(at('2026-11-30T11:00:00+09:00')))).toEqual(['first-response:warning']);
    expect(mine(await scanner.scan(at('2026-11-30T11:30:00+09:00')))).toEqual([]);
    expect(mine(await scanner.scan(at('2026-11-30T11:59:59.999+09:00')))).toEqual([]);
    expect(mine(await scanner.scan(at('2026-11-30T12:00:00+09:00')))).toEqual(['first-response:breach']);
    expect(mine(await scanner.scan(at('2026-11-30T12:00:00+09:00')))).toEqual([]);

    // The breach reaches the manager once (nobody is assigned, so the warning did too).
    const alerts = (await deliveredMail(t.app, t.config.DATA_DIR)).filter((m) =>
      recipientsOf(m).includes('manager@example.jp'),
    );
    expect(alerts.map((m) => m.subject).sort()).toEqual([
      `[${receipt.number}] SLA 期限間近: 初回応答`,
      `[${receipt.number}] SLA 違反: 初回応答`,
    ]);
  });

  it('stops the resolution clock while pending on the customer', async () => {
    const receipt = await t.app
      .get(InquiryService)
      .submit(SYSTEM_CONTEXT, inquiry, undefined, at('2026-11-30T09:00:00+09:00'));
    const admin = {
      ...SYSTEM_CONTEXT,
      actor: {
        userId: '00000000-0000-4000-8000-000000000000',
        email: 'system',
        name: 'system',
        role: 'admin' as const,
        organizationId: null,
        language: 'ja' as const,
      },
    };
    const commands = t.app.get(TicketCommandService);
    await commands.update(admin, receipt.id, { status: 'pending' }, at('2026-11-30T10:00:00+09:00'));
    // Resolution due 21 business hours after Mon 09:00 = Wed 17:00; it passes while pending, and nothing is raised.
    expect(
      (await scanner.scan(at('2026-12-03T10:00:00+09:00'))).filter(
        (a) => a.ticketId === receipt.id && a.clock === 'resolution',
      ),
    ).toEqual([]);
    // Back to open on Thu 10:00 after 21 business hours pending (Mon 6 + Tue 7 + Wed 7 + Thu 1): due moves 21 h to Mon 17:00.
    const resumed = await commands.update(admin, receipt.id, { status: 'open' }, at('2026-12-03T10:00:00+09:00'));
    expect(resumed.pausedMs).toBe(21 * 3_600_000);
    expect(resumed.resolutionDueAt.toISOString()).toBe(new Date(at('2026-12-07T17:00:00+09:00')).toISOString());
  });

  it('closes a solved ticket at the end of the 5th business day, once', async () => {
    const receipt = await t.app
      .get(InquiryService)
      .submit(SYSTEM_CONTEXT, inquiry, undefined, at('2026-11-19T10:00:00+09:00'));
    const agent = {
      ...SYSTEM_CONTEXT,
      actor: {
        userId: '00000000-0000-4000-8000-000000000001',
        email: 'agent',
        name: 'agent',
        role: 'agent' as const,
        organizationId: null,
        language: 'ja' as const,
      },
    };
    // Solved Fri 11-20; Mon 11-23 is a holiday, so the 5th business day is Mon 11-30.
    const solved = await t.app
      .get(TicketCommandService)
      .update(agent, receipt.id, { status: 'solved' }, at('2026-11-20T15:00:00+09:00'));
    expect(solved.autoCloseAt!.toISOString()).toBe(new Date(at('2026-11-30T17:00:00+09:00')).toISOString());
    const autoClose = t.app.get(AutoCloseService);
    expect(await autoClose.run(at('2026-11-30T16:59:59+09:00'))).not.toContain(receipt.id);
    expect(await autoClose.run(at('2026-11-30T17:00:00+09:00'))).toContain(receipt.id);
    expect(await autoClose.run(at('2026-11-30T18:00:00+09:00'))).not.toContain(receipt.id);
  });
});
