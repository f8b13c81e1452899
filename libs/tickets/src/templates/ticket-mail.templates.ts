import type { MailTemplate } from '@madoguchi/mail';

export interface InquiryReceivedContext {
  name: string;
  number: string;
  subject: string;
  /** The inquiry as written, so the requester keeps a copy of what they sent. */
  body: string;
  firstResponseDue: string;
  hours: string;
  /** The ticket in the customer portal (signing in shows it and its answers). */
  portalUrl: string;
}

/** A copy of what was written, each line marked as quoted. */
const quoted = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');

/** The acknowledgement: ticket number, the promised first-response time, and the desk's hours. */
export const inquiryReceivedTemplate: MailTemplate<InquiryReceivedContext> = {
  ja: (c) => ({
    subject: `[${c.number}] お問い合わせを受け付けました`,
    paragraphs: [
      `${c.name} 様`,
      `お問い合わせいただきありがとうございます。以下の内容で受け付けました。`,
      `受付番号: ${c.number}\n件名: ${c.subject}`,
      `${c.firstResponseDue} までに担当者よりご連絡いたします。`,
      `お問い合わせの状況はこちらでご確認いただけます（ログインが必要です）: ${c.portalUrl}`,
      `サポート受付時間: ${c.hours}`,
      `お問い合わせ内容:\n${quoted(c.body)}`,
    ],
  }),
  en: (c) => ({
    subject: `[${c.number}] We received your inquiry`,
    paragraphs: [
      `Dear ${c.name},`,
      'Thank you for contacting us. We have received your inquiry.',
      `Ticket number: ${c.number}\nSubject: ${c.subject}`,
      `We will answer by ${c.firstResponseDue}.`,
      `Follow it here (sign-in needed): ${c.portalUrl}`,
      `Support hours: ${c.hours}`,
      `Your inquiry:\n${quoted(c.body)}`,
    ],
  }),
};

export interface ReplyContext {
  name: string;
  number: string;
  subject: string;
  body: string;
  portalUrl: string;
  /** The reply's files: those attached to this mail, and those too large for it (in the portal). */
  attached: string[];
  portalOnly: string[];
}

const fileLines = {
  ja: (c: ReplyContext) => [
    ...(c.attached.length ? [`添付ファイル: ${c.attached.join('、')}`] : []),
    ...(c.portalOnly.length
      ? [`次のファイルはメールには大きすぎるため、上のリンクからご覧ください: ${c.portalOnly.join('、')}`]
      : []),
  ],
  en: (c: ReplyContext) => [
    ...(c.attached.length ? [`Attached: ${c.attached.join(', ')}`] : []),
    ...(c.portalOnly.length ? [`Too large for e-mail, at the link above: ${c.portalOnly.join(', ')}`] : []),
  ],
};

/** An agent's public reply, sent to the requester (internal notes never are). */
export const ticketReplyTemplate: MailTemplate<ReplyContext> = {
  ja: (c) => ({
    subject: `[${c.number}] Re: ${c.subject}`,
    paragraphs: [
      `${c.name} 様`,
      c.body,
      `受付番号: ${c.number}\nこのメールに返信するか、こちらからお返事ください（ログインが必要です）: ${c.portalUrl}`,
      ...fileLines.ja(c),
    ],
  }),
  en: (c) => ({
    subject: `[${c.number}] Re: ${c.subject}`,
    paragraphs: [
      `Dear ${c.name},`,
      c.body,
      `Ticket number: ${c.number}\nReply to this e-mail, or here (sign-in needed): ${c.portalUrl}`,
      ...fileLines.en(c),
    ],
  }),
};

export interface SlaAlertContext {
  number: string;
  subject: string;
  clock: 'first-response' | 'resolution';
  kind: 'warning' | 'breach';
  due: string;
  /** The ticket's desk page. */
  url: string;
}

const CLOCK_NAMES = {
  ja: { 'first-response': '初回応答', resolution: '解決' },
  en: { 'first-response': 'first response', resolution: 'resolution' },
};

/** To the assignee (and managers): a target is about to be missed, or was. */
const slaLine = {
  ja: (c: SlaAlertContext) =>
    c.kind === 'breach'
      ? `チケット ${c.number}「${c.subject}」の${CLOCK_NAMES.ja[c.clock]}期限（${c.due}）を過ぎました。`
      : `チケット ${c.number}「${c.subject}」の${CLOCK_NAMES.ja[c.clock]}期限（${c.due}）が近づいています。`,
  en: (c: SlaAlertContext) =>
    c.kind === 'breach'
      ? `Ticket ${c.number} “${c.subject}” missed its ${CLOCK_NAMES.en[c.clock]} target (${c.due}).`
      : `Ticket ${c.number} “${c.subject}” is close to its ${CLOCK_NAMES.en[c.clock]} target (${c.due}).`,
};

export const slaAlertTemplate: MailTemplate<SlaAlertContext> = {
  ja: (c) => ({
    subject: `[${c.number}] ${c.kind === 'breach' ? 'SLA 違反' : 'SLA 期限間近'}: ${CLOCK_NAMES.ja[c.clock]}`,
    paragraphs: [slaLine.ja(c), `チケットを開く: ${c.url}`],
  }),
  en: (c) => ({
    subject: `[${c.number}] ${c.kind === 'breach' ? 'SLA breached' : 'SLA due soon'}: ${CLOCK_NAMES.en[c.clock]}`,
    paragraphs: [slaLine.en(c), `Open the ticket: ${c.url}`],
  }),
};

/** Several alerts for one person from one scan: one e-mail listing them, breaches first, each with its link. */
export const slaDigestTemplate: MailTemplate<{ alerts: SlaAlertContext[] }> = {
  ja: ({ alerts }) => {
    const breaches = alerts.filter((a) => a.kind === 'breach').length;
    return {
      subject: `SLA のお知らせ: 違反 ${breaches} 件・期限間近 ${alerts.length - breaches} 件`,
      paragraphs: alerts.map((a) => `${slaLine.ja(a)}\n${a.url}`),
    };
  },
  en: ({ alerts }) => {
    const breaches = alerts.filter((a) => a.kind === 'breach').length;
    return {
      subject: `SLA alerts: ${breaches} breached, ${alerts.length - breaches} due soon`,
      paragraphs: alerts.map((a) => `${slaLine.en(a)}\n${a.url}`),
    };
  },
};

export interface NotificationMailContext {
  kind: 'customer-reply' | 'assigned';
  number: string;
  subject: string;
  /** Who replied or assigned it. */
  by: string;
  url: string;
}

/** A staff member's notice of news on a ticket, with the link to it. */
export const notificationTemplate: MailTemplate<NotificationMailContext> = {
  ja: (c) => ({
    subject:
      c.kind === 'customer-reply'
        ? `[${c.number}] お客様から返信がありました: ${c.subject}`
        : `[${c.number}] チケットが割り当てられました: ${c.subject}`,
    paragraphs: [
      c.kind === 'customer-reply'
        ? `${c.by} 様から、チケット ${c.number}「${c.subject}」に返信がありました。`
        : `${c.by} さんが、チケット ${c.number}「${c.subject}」をあなたに割り当てました。`,
      `チケットを開く: ${c.url}`,
    ],
  }),
  en: (c) => ({
    subject:
      c.kind === 'customer-reply'
        ? `[${c.number}] The customer replied: ${c.subject}`
        : `[${c.number}] Assigned to you: ${c.subject}`,
    paragraphs: [
      c.kind === 'customer-reply'
        ? `${c.by} replied on ticket ${c.number} "${c.subject}".`
        : `${c.by} assigned ticket ${c.number} "${c.subject}" to you.`,
      `Open the ticket: ${c.url}`,
    ],
  }),
};
