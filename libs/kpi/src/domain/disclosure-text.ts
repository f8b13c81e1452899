import { lastDayOf, type PublishedKpi } from './disclosure';
import type { KpiDefinition } from './kpi-definition';

type Language = 'ja' | 'en';

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const availabilityPct = (rate: number) => `${(rate * 100).toFixed(2)}%`;
const hours = (seconds: number) => (seconds / 3600).toFixed(1);
const monthParts = (month: string) => [Number(month.slice(0, 4)), Number(month.slice(5, 7)), lastDayOf(month)] as const;

/*
 * Only characters the report font has: IPAex Gothic has no ≥ or ≤, so targets are written in words
 * ("以上", "at least"); the PDF renderer also checks every character against the font.
 */
/** The disclosure report's wording, Japanese first; definitions name the version's own thresholds. */
export const DISCLOSURE_TEXT = {
  ja: {
    title: (month: string) => `サポート KPI 開示レポート ${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`,
    period: '対象期間',
    /** 「2026年11月1日〜30日（日本時間）」 */
    periodOf: (month: string, timeZone: string) => {
      const [year, monthNumber, last] = monthParts(month);
      return `${year}年${monthNumber}月1日〜${last}日（${timeZone === 'Asia/Tokyo' ? '日本時間' : timeZone}）`;
    },
    targetOf: (name: PublishedKpi, target: number) => `${pct(target)} ${name === 'abandonmentRate' ? '以下' : '以上'}`,
    verdict: { met: '達成', missed: '未達', none: '判定なし' },
    headingOf: (name: string, verdict: string) => `${name}（${verdict}）`,
    /** `2026-11-03` → 「11月3日」 */
    dayOf: (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`,
    definitionVersion: 'KPI 定義バージョン',
    value: '実績',
    fraction: '分子 / 分母',
    target: '目標',
    supportHours: 'サポート受付時間',
    openDays: (days: number, hours: number) => `受付日数 ${days} 日、受付時間 合計 ${hours.toFixed(1)} 時間`,
    closedWeekdays: '休業した平日',
    none: 'なし',
    incidents: '障害のお知らせ（検知から 1 時間以内の告知）',
    noIncidents: 'この月に告知対象の障害はありませんでした。',
    calls: (c: { offered: number; answered: number; abandoned: number }) =>
      `受付呼数 ${c.offered}、応答 ${c.answered}、放棄 ${c.abandoned}`,
    availability: 'サービス稼働率',
    availabilityHours: (available: number, provided: number) =>
      `稼働 ${hours(available)} 時間 / 提供 ${hours(provided)} 時間`,
    availabilityTarget: (target: number) => `${availabilityPct(target)} 以上`,
    availabilityDefinition: (d: KpiDefinition) =>
      `提供時間（期間から計画メンテナンスを除いた時間）のうち、サービスが稼働していた時間の割合。公開した障害の「停止」は全時間、「一部停止」は ${d.availability.partialOutageWeight} 倍の時間を停止とし、緊急メンテナンスは${d.availability.emergencyMaintenanceIsDowntime ? '停止に含めます' : '提供時間から除きます'}。全サービスの時間を合算。`,
    perService: 'サービス別',
    published: '公開日',
    name: {
      supportOperatingRate: 'サポート稼働率',
      abandonmentRate: '放棄呼率',
      responseTimeComplianceRate: '応答時間遵守率',
      completionWithinStandardTimeRate: '標準時間内完了率',
    } satisfies Record<PublishedKpi, string>,
    definition: (name: PublishedKpi, d: KpiDefinition): string =>
      ({
        supportOperatingRate:
          '受付時間のうち、対応可能なオペレーターが 1 名以上おり、臨時休止がなかった時間の割合（分子・分母は秒）。',
        abandonmentRate: `受付時間内に着信し、待機を終えた呼${d.shortAbandonSeconds > 0 ? `（待ち ${d.shortAbandonSeconds} 秒未満の短時間放棄を除く）` : ''}のうち、待機中に発信者が切断した呼の割合。`,
        responseTimeComplianceRate: `電話は待ち ${d.answerTargetSeconds} 秒以内に応答した呼、Web・メールは初回応答期限（営業時間）内に回答したお問い合わせの割合。チャネルの分子・分母を合算。`,
        completionWithinStandardTimeRate:
          '期間内に解決したお問い合わせのうち、解決期限（営業時間、お客様の返信待ちの時間を除く）までに解決した割合。',
      })[name],
  },
  en: {
    title: (month: string) =>
      `Support KPI disclosure report, ${EN_MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`,
    period: 'Period',
    /** "1–30 November 2026 (Japan time)" */
    periodOf: (month: string, timeZone: string) => {
      const [year, monthNumber, last] = monthParts(month);
      return `1–${last} ${EN_MONTHS[monthNumber - 1]} ${year} (${timeZone === 'Asia/Tokyo' ? 'Japan time' : timeZone})`;
    },
    targetOf: (name: PublishedKpi, target: number) =>
      `${name === 'abandonmentRate' ? 'at most' : 'at least'} ${pct(target)}`,
    verdict: { met: 'Met', missed: 'Missed', none: 'Not judged' },
    headingOf: (name: string, verdict: string) => `${name} (${verdict})`,
    /** `2026-11-03` → "3 November" */
    dayOf: (date: string) => `${Number(date.slice(8, 10))} ${EN_MONTHS[Number(date.slice(5, 7)) - 1]}`,
    definitionVersion: 'KPI definition version',
    value: 'Result',
    fraction: 'Numerator / denominator',
    target: 'Target',
    supportHours: 'Support hours',
    openDays: (days: number, hours: number) => `${days} open days, ${hours.toFixed(1)} open hours in total`,
    closedWeekdays: 'Weekdays closed',
    none: 'none',
    incidents: 'Incident notices (published within 1 hour of detection)',
    noIncidents: 'There were no incidents to notify this month.',
    calls: (c: { offered: number; answered: number; abandoned: number }) =>
      `${c.offered} calls offered, ${c.answered} answered, ${c.abandoned} abandoned`,
    availability: 'Service availability',
    availabilityHours: (available: number, provided: number) =>
      `${hours(available)} h available of ${hours(provided)} h provided`,
    availabilityTarget: (target: number) => `at least ${availabilityPct(target)}`,
    availabilityDefinition: (d: KpiDefinition) =>
      `Share of provided time (the period less planned maintenance) the services were up. A published incident's major outage counts whole as downtime, a partial outage ${d.availability.partialOutageWeight} times its length; emergency maintenance ${d.availability.emergencyMaintenanceIsDowntime ? 'counts as downtime' : 'is taken out of provided time'}. All services' time summed.`,
    perService: 'By service',
    published: 'Published',
    name: {
      supportOperatingRate: 'Support operating rate',
      abandonmentRate: 'Call abandonment rate',
      responseTimeComplianceRate: 'Response-time compliance rate',
      completionWithinStandardTimeRate: 'Completion within standard time',
    } satisfies Record<PublishedKpi, string>,
    definition: (name: PublishedKpi, d: KpiDefinition): string =>
      ({
        supportOperatingRate:
          'Share of scheduled support hours with at least one agent available and no unplanned closure (numerator and denominator in seconds).',
        abandonmentRate: `Of calls that entered the queue during support hours and left it${d.shortAbandonSeconds > 0 ? ` (short abandons under ${d.shortAbandonSeconds} s left out)` : ''}, the share whose caller hung up while waiting.`,
        responseTimeComplianceRate: `Phone: calls answered within ${d.answerTargetSeconds} s of waiting; web and e-mail: inquiries first answered before their first-response due time (business hours). Channels summed.`,
        completionWithinStandardTimeRate:
          'Of inquiries solved in the period, the share solved before their resolution due time (business hours, time waiting on the customer excluded).',
      })[name],
  },
} as const;

export function disclosureText(language: Language) {
  return DISCLOSURE_TEXT[language];
}
