import type { Principal } from '@madoguchi/common';
import { InquiryService, TicketCommandService, TicketExportService } from '@madoguchi/tickets';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('TicketExportService', () => {
  let app: ApplicationUnderTest;
  let exports: TicketExportService;
  let customer: Principal;
  let organizationId: string;

  beforeAll(async () => {
    app = await startApplication();
    exports = app.get(TicketExportService);
    organizationId = await app.organization();
    customer = await app.user('customer', { organizationId });
    const agent = await app.user('agent');
    const { id } = await app.get(InquiryService).submit(app.as(customer), {
      name: '山田',
      email: 'yamada@example.jp',
      subject: '質問',
      body: '質問です',
    });
    await app.get(TicketCommandService).addMessage(app.as(agent), id, { body: '社内のみ', internal: true });
    await app.get(TicketCommandService).addMessage(app.as(agent), id, { body: '回答です' });
  });

  afterAll(() => app?.close());

  it('streams the organization’s tickets with public messages only, audited before the first ticket', async () => {
    const stream = await exports.start(app.as(customer), organizationId, 'json');
    expect(await app.audited('organization.export', organizationId)).toEqual([
      { actorId: customer.userId, summary: { format: 'json' } },
    ]);
    const tickets = [];
    for await (const ticket of stream) tickets.push(ticket);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.messages.map((message) => message.body)).toEqual(['質問です', '回答です']);
  });

  it('refuses another organization’s contact', async () => {
    const other = await app.user('customer', { organizationId: await app.organization() });
    await expect(exports.start(app.as(other), organizationId, 'csv')).rejects.toMatchObject({
      code: 'organization.not-found',
    });
  });
});
