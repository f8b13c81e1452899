import { formatInstant } from '@madoguchi/business-calendar/domain';
import type { MailLanguage, MailTemplate } from '@madoguchi/mail';
import { escapeHtml } from '@madoguchi/mail/domain';

import type { IncidentStatus } from '../domain/incident';
import type { LocalizedNotice } from '../domain/notice-content';

const INCIDENT_STATUS_LABELS: Record<MailLanguage, Record<IncidentStatus, string>> = {
  ja: { investigating: '調査中', identified: '原因特定', monitoring: '経過観察', resolved: '解決済み' },
  en: { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' },
};

export function incidentStatusLabel(status: IncidentStatus, language: MailLanguage): string {
  return INCIDENT_STATUS_LABELS[language][status];
}

/** Dates in notices carry the year and the zone: maintenance is announced months ahead, and notices are kept. */
export function formatNoticeTime(epochMs: number, timeZone: string, language: MailLanguage): string {
  return formatInstant(epochMs, { timeZone, language, year: 'always', zone: 'always' });
}

export interface IncidentNoticeContext {
  title: string;
  status: IncidentStatus;
  message: string;
  services: string;
  detectedAt: string;
  statusUrl: string;
}

export const incidentNoticeTemplate: MailTemplate<IncidentNoticeContext> = {
  ja: (c) => ({
    subject: `【障害のお知らせ】${c.title}（${incidentStatusLabel(c.status, 'ja')}）`,
    paragraphs: [
      `お客様各位`,
      `下記のサービスで障害が発生しています。ご迷惑をおかけし申し訳ございません。`,
      `件名: ${c.title}\n状況: ${incidentStatusLabel(c.status, 'ja')}\n対象サービス: ${c.services}\n検知日時: ${c.detectedAt}`,
      c.message,
      `最新の状況: ${c.statusUrl}`,
    ],
  }),
  en: (c) => ({
    subject: `[Incident] ${c.title} (${incidentStatusLabel(c.status, 'en')})`,
    paragraphs: [
      'Dear customer,',
      'We are experiencing an incident affecting the services below. We apologise for the inconvenience.',
      `Incident: ${c.title}\nStatus: ${incidentStatusLabel(c.status, 'en')}\nServices: ${c.services}\nDetected: ${c.detectedAt}`,
      c.message,
      `Latest status: ${c.statusUrl}`,
    ],
  }),
};

export const MAINTENANCE_NOTICE_KINDS = [
  'announcement',
  'reminder',
  'start',
  'completion',
  'update',
  'cancellation',
] as const;
export type MaintenanceNoticeKind = (typeof MAINTENANCE_NOTICE_KINDS)[number];

const MAINTENANCE_HEADINGS: Record<MailLanguage, Record<MaintenanceNoticeKind, string>> = {
  ja: {
    announcement: 'メンテナンスのお知らせ',
    reminder: 'メンテナンスのご案内（再掲）',
    start: 'メンテナンス開始のお知らせ',
    completion: 'メンテナンス完了のお知らせ',
    update: 'メンテナンス内容変更のお知らせ',
    cancellation: 'メンテナンス中止のお知らせ',
  },
  en: {
    announcement: 'Scheduled maintenance',
    reminder: 'Reminder: scheduled maintenance',
    start: 'Maintenance has started',
    completion: 'Maintenance completed',
    update: 'Maintenance updated',
    cancellation: 'Maintenance cancelled',
  },
};

export interface MaintenanceNoticeContext {
  notice: MaintenanceNoticeKind;
  title: string;
  emergency: boolean;
  reason: string | null;
  startsAt: string;
  endsAt: string;
  services: string;
  message: string;
  statusUrl: string;
}

export const maintenanceNoticeTemplate: MailTemplate<MaintenanceNoticeContext> = {
  ja: (c) => ({
    subject: `【${c.emergency ? '緊急' : ''}${MAINTENANCE_HEADINGS.ja[c.notice]}】${c.title}`,
    paragraphs: [
      'お客様各位',
      `${c.emergency ? '緊急メンテナンス' : '計画メンテナンス'}: ${c.title}\n期間: ${c.startsAt} 〜 ${c.endsAt}\n対象サービス: ${c.services}`,
      ...(c.emergency && c.reason ? [`緊急実施の理由: ${c.reason}`] : []),
      c.message,
      `最新の状況: ${c.statusUrl}`,
    ],
  }),
  en: (c) => ({
    subject: `[${c.emergency ? 'Emergency — ' : ''}${MAINTENANCE_HEADINGS.en[c.notice]}] ${c.title}`,
    paragraphs: [
      'Dear customer,',
      `${c.emergency ? 'Emergency maintenance' : 'Planned maintenance'}: ${c.title}\nWindow: ${c.startsAt} – ${c.endsAt}\nServices: ${c.services}`,
      ...(c.emergency && c.reason ? [`Why it cannot wait: ${c.reason}`] : []),
      c.message,
      `Latest status: ${c.statusUrl}`,
    ],
  }),
};

export interface UnnotifiedIncidentAlertContext {
  title: string;
  minutes: number;
  deadline: string;
  url: string;
  /** Recipients still waiting for the published notice's e-mail; absent when nothing is published. */
  undelivered?: number;
}

/** To managers, at 30 and 45 minutes after detection while no notice is out (unpublished, or its e-mail undelivered). */
export const unnotifiedIncidentAlertTemplate: MailTemplate<UnnotifiedIncidentAlertContext> = {
  ja: (c) =>
    c.undelivered === undefined
      ? {
          subject: `【要対応】障害検知から${c.minutes}分: お知らせ未公開「${c.title}」`,
          paragraphs: [
            `障害「${c.title}」の検知から${c.minutes}分が経過しましたが、お客様へのお知らせがまだ公開されていません。`,
            `公開期限: ${c.deadline}`,
            c.url,
          ],
        }
      : {
          subject: `【要対応】障害検知から${c.minutes}分: お知らせメール未送信 ${c.undelivered}件「${c.title}」`,
          paragraphs: [
            `障害「${c.title}」のお知らせは公開済みですが、検知から${c.minutes}分が経過しても ${c.undelivered} 件の宛先にメールが届いていません（メールサーバーが受け付けていません。再送は続いています）。`,
            `お知らせ期限: ${c.deadline}`,
            c.url,
          ],
        },
  en: (c) =>
    c.undelivered === undefined
      ? {
          subject: `[Action needed] ${c.minutes} min since detection, no notice yet: ${c.title}`,
          paragraphs: [
            `${c.minutes} minutes have passed since "${c.title}" was detected and no customer notice is published.`,
            `Notice deadline: ${c.deadline}`,
            c.url,
          ],
        }
      : {
          subject: `[Action needed] ${c.minutes} min since detection, notice e-mail not out to ${c.undelivered}: ${c.title}`,
          paragraphs: [
            `The notice of "${c.title}" is published, but ${c.minutes} minutes after detection ${c.undelivered} recipients have not received its e-mail (the mail server is not accepting it; retries go on).`,
            `Notice deadline: ${c.deadline}`,
            c.url,
          ],
        },
};

const UNSUBSCRIBE_WORDS: Record<MailLanguage, string> = {
  ja: 'このお知らせは障害・メンテナンス情報ページでメール配信に登録された方にお送りしています。配信の停止',
  en: 'You receive this because you subscribed on our service status page. Unsubscribe',
};

/** A subscriber's copy of a notice: its one-click unsubscribe link at the end (text and HTML). */
export function withUnsubscribeLink(notice: LocalizedNotice, language: MailLanguage, link: string): LocalizedNotice {
  const words = UNSUBSCRIBE_WORDS[language];
  return {
    subject: notice.subject,
    text: `${notice.text}\n${words}: ${link}\n`,
    html: notice.html.replace(
      '</body>',
      `<p style="color: #555">${escapeHtml(words)}: <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>\n</body>`,
    ),
  };
}

export interface SubscriptionConfirmationContext {
  services: string;
  confirmUrl: string;
  expiresAt: string;
  statusUrl: string;
}

/** The double opt-in: the link that starts the notices (nothing is sent before it is followed). */
export const subscriptionConfirmationTemplate: MailTemplate<SubscriptionConfirmationContext> = {
  ja: (c) => ({
    subject: '【確認】障害・メンテナンス情報のメール配信',
    paragraphs: [
      '障害・メンテナンス情報のメール配信の登録を受け付けました。',
      `対象サービス: ${c.services}`,
      `下のリンクを開き、「登録する」を押すと配信が始まります（${c.expiresAt} まで有効）。\n${c.confirmUrl}`,
      'お心当たりのない場合は、このメールを破棄してください。登録されることはありません。',
      `障害・メンテナンス情報: ${c.statusUrl}`,
    ],
  }),
  en: (c) => ({
    subject: 'Please confirm: service status notices by e-mail',
    paragraphs: [
      'We received a request to send service status notices to this address.',
      `Services: ${c.services}`,
      `Open the link below and press "Subscribe" to start them (valid until ${c.expiresAt}).\n${c.confirmUrl}`,
      'If you did not ask for this, ignore this message: nothing will be sent.',
      `Service status: ${c.statusUrl}`,
    ],
  }),
};
