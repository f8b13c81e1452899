import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { WEEKDAYS } from '@madoguchi/business-calendar/domain';
import { ROLES } from '@madoguchi/common';
import { ACCOUNT_LINK_PURPOSES } from '@madoguchi/identity';
import { INCIDENT_STATUSES, REMINDER_UNITS, SERVICE_STATUSES } from '@madoguchi/notices';
import {
  CALL_OUTCOMES,
  IMPORT_FORMATS,
  PRESENCE_STATES,
  SKIP_CODES,
  UPLOAD_MISMATCHES,
} from '@madoguchi/telephony/domain';
import {
  INQUIRY_CATEGORIES,
  NOTIFICATION_KINDS,
  SLA_CLOCK_STATES,
  TICKET_CHANNELS,
  TICKET_EVENT_KINDS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketMessageEntity,
  UPLOAD_REFUSALS,
} from '@madoguchi/tickets';

import { ERROR_CODES } from '../../http/error-codes';
import { VIOLATION_RULES } from '../../http/field-violations';
import { AUDIT_TARGET_PAGES } from '../../web/admin/admin.page-models';
import { DESK_BULK_PROBLEMS, DESK_QUEUES, DESK_SORTS } from '../../web/desk/desk.page-models';
import { PORTAL_STATES } from '../../web/portal/portal.page-models';
import { ERROR_PAGE_STATUSES } from '../../web/shared/error-pages';
import { en } from './en';
import { ja } from './ja';

const AREAS = readdirSync(join(__dirname, 'ja'))
  .filter((file) => file !== 'index.ts')
  .map((file) => file.replace(/\.ts$/, ''));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const area = (language: 'ja' | 'en', name: string) => require(`./${language}/${name}`)[name] as Record<string, string>;

/**
 * Keys built at run time (`it.t('status.' + ticket.status)`) and the values they cover: a value
 * with no string would show its key. A new status, outcome or rule needs its words in both languages.
 */
const COMPUTED: Array<[prefix: string, values: readonly string[]]> = [
  ['status.', TICKET_STATUSES],
  ['priority.', TICKET_PRIORITIES],
  ['channel.', TICKET_CHANNELS],
  ['audit.target.', Object.keys(AUDIT_TARGET_PAGES)],
  ['category.', INQUIRY_CATEGORIES],
  ['ticket.author.', ['requester', 'agent', 'system'] satisfies TicketMessageEntity['authorKind'][]],
  ['role.', ROLES],
  ['presence.', PRESENCE_STATES],
  ['outcome.', CALL_OUTCOMES],
  ['weekday.', WEEKDAYS],
  ['subscription.language.', ['ja', 'en']],
  ['import.skip.', SKIP_CODES],
  ['import.mismatch.', UPLOAD_MISMATCHES],
  ['import.format.', IMPORT_FORMATS],
  ['incident.status.', INCIDENT_STATUSES],
  ['status.service.', SERVICE_STATUSES],
  ['status.banner.', SERVICE_STATUSES],
  ['setPassword.title.', ACCOUNT_LINK_PURPOSES],
  ['notification.kind.', NOTIFICATION_KINDS],
  ['history.kind.', TICKET_EVENT_KINDS],
  ['desk.sort.', DESK_SORTS],
  ['bulk.problem.', DESK_BULK_PROBLEMS],
  ['desk.', DESK_QUEUES],
  ['panel.state.', SLA_CLOCK_STATES],
  ['notification.mail.', NOTIFICATION_KINDS],
  ['portal.state.', PORTAL_STATES],
  ['maintenance.schedule.reminder.', REMINDER_UNITS.flatMap((unit) => [`${unit}.one`, `${unit}.other`])],
  ['validation.', VIOLATION_RULES],
  ['validation.attachment.', UPLOAD_REFUSALS],
  ['error.', ERROR_PAGE_STATUSES.flatMap((status) => [`${status}.title`, `${status}.body`])],
  // Every error is told to people in their language, whatever its code.
  ['problem.', ERROR_CODES.map((e) => e.code)],
];

/** The `rule`s use cases give their field problems (read from the libraries' source), told as `validation.<rule>`. */
function fieldProblemRules(): string[] {
  const libs = join(__dirname, '../../../../../libs');
  const sources = readdirSync(libs, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => readFileSync(join(libs, file), 'utf8'));
  const patterns = [
    /messages: [^;]{0,120}?rule: '([\w.-]+)'/g,
    /invalidField\('\w+', '([\w.-]+)'/g,
    /\['(password\.[\w-]+)'/g,
  ];
  return [...new Set(sources.flatMap((text) => patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1]!))))];
}

describe('the UI catalogs', () => {
  it.each(AREAS)('%s: both languages have the same keys, sorted', (name) => {
    const [japanese, english] = [Object.keys(area('ja', name)), Object.keys(area('en', name))];
    expect(english).toEqual(japanese);
    expect(japanese).toEqual([...japanese].sort());
  });

  it('defines each key in one area only, so no area overrides another', () => {
    const total = AREAS.reduce((sum, name) => sum + Object.keys(area('ja', name)).length, 0);
    expect(Object.keys(ja)).toHaveLength(total);
    expect(Object.keys(en)).toHaveLength(total);
  });

  it.each(COMPUTED)('%s covers every value it is built from', (prefix, values) => {
    const missing = values.map((value) => `${prefix}${value}`).filter((key) => !(key in ja) || !(key in en));
    expect(missing).toEqual([]);
  });

  it('words every rule a use case gives a field problem', () => {
    const rules = fieldProblemRules();
    expect(rules).toEqual(
      expect.arrayContaining(['calendar.time-zone', 'password.common', 'user.organization-required']),
    );
    expect(rules.filter((rule) => !(`validation.${rule}` in ja))).toEqual([]);
  });

  it('has no empty string and keeps each placeholder in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const broken = Object.keys(ja).filter((key) => {
      const [japanese, english] = [ja[key as keyof typeof ja], en[key as keyof typeof en]];
      return !japanese || !english || placeholders(japanese).join() !== placeholders(english).join();
    });
    expect(broken).toEqual([]);
  });
});
