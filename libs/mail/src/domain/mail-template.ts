import { escapeHtml } from './html';
import type { MailLanguage } from './mail-message';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What one language version of a template says: plain paragraphs, rendered to text and HTML alike. */
export interface MailContent {
  subject: string;
  paragraphs: string[];
}

export type MailTemplate<Context> = Record<MailLanguage, (context: Context) => MailContent>;

const FOOTER: Record<MailLanguage, string> = {
  ja: 'このメールは Madoguchi から送信されています。',
  en: 'This message was sent by Madoguchi.',
};

/**
 * Renders one template in one language. Every value is data, never markup: paragraphs are
 * escaped into the HTML part, so text from customers cannot inject tags.
 */
export function renderMail<Context>(
  template: MailTemplate<Context>,
  language: MailLanguage,
  context: Context,
): RenderedMail {
  const content = template[language](context);
  const paragraphs = [...content.paragraphs, FOOTER[language]];
  const text = paragraphs.join('\n\n') + '\n';
  const body = paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`).join('\n');
  const html =
    `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(content.subject)}</title></head>\n` +
    `<body style="font-family: sans-serif; line-height: 1.6">\n${body}\n</body></html>\n`;
  return { subject: content.subject, text, html };
}
