import type { MailTemplate } from '@madoguchi/mail';

export interface AccountLinkContext {
  name: string;
  url: string;
  /** When the link stops working, as people read it (with the zone). */
  expires: string;
}

/** A password reset someone asked for with this address: the link, how long it works, and what to do if it was not them. */
export const passwordResetTemplate: MailTemplate<AccountLinkContext> = {
  ja: (c) => ({
    subject: 'パスワード再設定のご案内',
    paragraphs: [
      `${c.name} 様`,
      'パスワードの再設定を受け付けました。次のリンクから新しいパスワードを設定してください。',
      c.url,
      `このリンクは一度だけ、${c.expires} まで使えます。`,
      'お心当たりがない場合は、このメールを破棄してください。パスワードは変わりません。',
    ],
  }),
  en: (c) => ({
    subject: 'Reset your password',
    paragraphs: [
      `Dear ${c.name},`,
      'Someone asked to reset the password of this account. Set a new password with the link below.',
      c.url,
      `The link works once, until ${c.expires}.`,
      'If it was not you, ignore this message: your password stays as it is.',
    ],
  }),
};

export interface InvitationContext extends AccountLinkContext {
  /** Who sent it; null when the system did (a script). */
  inviter: string | null;
  organization: string | null;
}

/** An invitation: who invited them, for which organization, and the link to set their own password. */
export const invitationTemplate: MailTemplate<InvitationContext> = {
  ja: (c) => ({
    subject: 'サポートサイトへのご招待',
    paragraphs: [
      `${c.name} 様`,
      `${c.inviter ? `${c.inviter} から` : ''}${c.organization ? `「${c.organization}」のご担当者として、` : ''}サポートサイトに招待されました。次のリンクからパスワードを設定すると、お問い合わせの状況を確認できます。`,
      c.url,
      `このリンクは一度だけ、${c.expires} まで使えます。`,
    ],
  }),
  en: (c) => ({
    subject: 'You are invited to the support site',
    paragraphs: [
      `Dear ${c.name},`,
      `${c.inviter ? `${c.inviter} invited you` : 'You are invited'} to the support site${c.organization ? ` as a contact of ${c.organization}` : ''}. Set your password with the link below to follow your inquiries.`,
      c.url,
      `The link works once, until ${c.expires}.`,
    ],
  }),
};
