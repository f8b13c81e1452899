import type { Browser } from 'playwright-core';

import { Factories, FACTORY_PASSWORD } from '../factories';
import { describeWithBrowser, launchBrowser, signedInPage } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

describeWithBrowser('handing a ticket to another agent and to a group from its page, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ INQUIRY_RATE_LIMIT_PER_MINUTE: '1000' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an agent assigns a ticket to a colleague and a group; the page names both and the colleague is notified', async () => {
    const factories = await Factories.for(t);
    const org = await factories.organization('さくら商事');
    const customer = (await factories.customer(org.id, { email: 'hanako@sakura.example', name: '山田 花子' })).api;
    const first = await factories.staff('agent', { email: 'first@example.jp', name: '田中 一郎' });
    const colleague = await factories.staff('agent', { email: 'second@example.jp', name: '鈴木 次郎' });
    const manager = (await factories.staff('manager', { name: '佐藤 課長' })).api;
    const group = (await manager.post('/api/v1/groups', { name: '請求チーム', memberIds: [colleague.id] })).json;
    const ticket = (
      await customer.post('/api/v1/inquiries', {
        name: '山田 花子',
        email: 'hanako@sakura.example',
        category: 'billing',
        subject: '請求書の宛名',
        body: '宛名を変更したいです。',
        consent: true,
      })
    ).json;

    const page = await signedInPage(browser, t.baseUrl, first.email, FACTORY_PASSWORD);
    await page.goto(`${t.baseUrl}/desk/tickets/${ticket.id}`);
    expect(await page.getByTestId('assignee').textContent()).toBe('未割り当て');
    const form = page.getByTestId('assign-form');
    // Only active staff are offered: no customer can be picked.
    expect(await form.getByLabel('担当者').locator('option').allTextContents()).not.toContain('山田 花子');
    await form.getByLabel('担当者').selectOption({ label: '鈴木 次郎' });
    await form.getByLabel('グループ').selectOption({ label: '請求チーム' });
    await form.getByRole('button', { name: '担当を変更' }).click();
    await page.waitForURL(`${t.baseUrl}/desk/tickets/${ticket.id}`);
    expect(await page.getByTestId('assignee').textContent()).toBe('鈴木 次郎');
    expect(await page.getByTestId('group').textContent()).toBe('請求チーム');
    expect((await first.api.get(`/api/v1/tickets/${ticket.id}`)).json).toMatchObject({
      assigneeId: colleague.id,
      groupId: group.id,
    });
    const told = (await colleague.api.get('/api/v1/notifications')).json;
    expect(told.items).toEqual([expect.objectContaining({ kind: 'assigned', ticketId: ticket.id, by: '田中 一郎' })]);

    // Back to nobody: the group stays unless it is cleared too.
    await form.getByLabel('担当者').selectOption({ label: '未割り当て' });
    await form.getByRole('button', { name: '担当を変更' }).click();
    await page.waitForURL(`${t.baseUrl}/desk/tickets/${ticket.id}`);
    expect(await page.getByTestId('assignee').textContent()).toBe('未割り当て');
    expect(await page.getByTestId('group').textContent()).toBe('請求チーム');
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/ticket-assignment.png`, fullPage: true });
    }
    await page.context().close();
  });
});
