import type { MailTemplate } from '../domain/mail-template';

/** Sent by `npm run mail:test` so an operator can check the mail set-up end to end. */
export const testMessageTemplate: MailTemplate<{ sentAt: string }> = {
  ja: ({ sentAt }) => ({
    subject: 'Madoguchi テストメール',
    paragraphs: ['Madoguchi のメール設定は正しく動作しています。', `送信日時: ${sentAt}`],
  }),
  en: ({ sentAt }) => ({
    subject: 'Madoguchi test message',
    paragraphs: ['Madoguchi can send e-mail.', `Sent at: ${sentAt}`],
  }),
};
