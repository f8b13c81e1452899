import type { MessageKey, Translate } from '../../i18n/i18n';
import { page, type PageResult } from './page-result';

/** The form field that says the person saw the confirmation step and went on. */
export const CONFIRMED_FIELD = 'confirmed';

/** The confirmation step of an irreversible action: what will happen, go on, or go back with nothing changed. */
export interface ConfirmationPage {
  title: string;
  question: string;
  consequence: string;
  /** Where the confirmed form goes: the same action, with the same fields. */
  action: string;
  fields: Record<string, string>;
  confirmLabel: string;
  /** Going back changes nothing. */
  back: string;
}

/** Whether the form was sent from its confirmation step. */
export const confirmed = (body: Record<string, unknown>) => body[CONFIRMED_FIELD] === 'yes';

/**
 * The confirmation step for an action (`confirm.<what>.question` / `.consequence` / `.button` in the
 * catalog, with `values`); the form's own fields are sent again with it, CSRF token aside.
 */
export function confirmationStep(
  t: Translate,
  what:
    | 'deactivateOrganization'
    | 'deactivateUser'
    | 'resetSecondFactor'
    | 'cancelMaintenance'
    | 'publishIncident'
    | 'reopenIncident'
    | 'correctIncidentTitle'
    | 'publishDisclosure'
    | 'deleteCannedReply'
    | 'deleteTag'
    | 'mergeTicket',
  options: { action: string; back: string; body: Record<string, unknown>; values?: Record<string, string> },
): PageResult<ConfirmationPage> {
  const key = (part: string) => `confirm.${what}.${part}` as MessageKey;
  const fields = Object.fromEntries(
    Object.entries(options.body).flatMap(([name, value]) =>
      name === '_csrf' || typeof value !== 'string' ? [] : [[name, value]],
    ),
  );
  return page(
    {
      title: t('confirm.title'),
      question: t(key('question'), options.values),
      consequence: t(key('consequence'), options.values),
      action: options.action,
      fields,
      confirmLabel: t(key('button')),
      back: options.back,
    },
    { view: 'shared/confirm' },
  );
}
