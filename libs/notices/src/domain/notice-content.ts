import type { MailAttachment } from '@madoguchi/mail/domain';

export interface LocalizedNotice {
  subject: string;
  text: string;
  html: string;
}

/** A notice's message in each language, rendered once when the notice is written. */
export interface NoticeContent {
  ja: LocalizedNotice;
  en: LocalizedNotice;
  attachments?: MailAttachment[];
}
