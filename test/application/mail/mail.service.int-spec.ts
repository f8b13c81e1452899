import { MailService } from '@madoguchi/mail';

import { type ApplicationUnderTest, startApplication } from '../../support/application';

describe('MailService', () => {
  let app: ApplicationUnderTest;

  beforeAll(async () => {
    app = await startApplication();
  });

  afterAll(() => app?.close());

  it('delivers one message to each recipient through the configured transport, with a result for each', async () => {
    const results = await app.get(MailService).deliver({
      to: ['a@example.jp', 'b@example.jp'],
      subject: '配信テスト',
      text: '本文',
      messageId: 'spec.1@madoguchi.test',
    });
    expect(results).toEqual([
      expect.objectContaining({ address: 'a@example.jp', accepted: true }),
      expect.objectContaining({ address: 'b@example.jp', accepted: true }),
    ]);
    const written = (await app.deliveredMail()).filter((mail) => mail.subject === '配信テスト');
    expect(written.map((mail) => mail.messageId)).toEqual(['<spec.1@madoguchi.test>', '<spec.1@madoguchi.test>']);
  });
});
