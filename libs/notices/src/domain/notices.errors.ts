import { DomainError, ValidationFailedError } from '@madoguchi/common';

import { MAX_ALERTS_PER_PAYLOAD } from './monitoring-alert';
import type { RuleViolation } from './notice-rules';

/**
 * Every error the notices library answers with, one constructor each: the `code` of the
 * problem+json body is stable (scripts and the pages' translations key on it).
 */
export const incidentNotFound = (id: string) =>
  new DomainError('incident.not-found', `No incident with id ${id}.`, 'not-found');

/** 400 on the field, as validation answers (the pages show it beside the input). */
export const detectedInFuture = () =>
  new ValidationFailedError([
    { field: 'detectedAt', messages: ['detectedAt must not be in the future'], rule: 'incident.detected-in-future' },
  ]);

export const unknownServices = () =>
  new ValidationFailedError([
    { field: 'serviceIds', messages: ['every service id must name a service'], rule: 'incident.service-unknown' },
  ]);

/** 422: the alert is well formed, but the service it names is not in the catalog (`alerts[0].labels.service`). */
export const unknownMonitoredServices = (fields: string[]) =>
  new ValidationFailedError(
    fields.map((field) => ({
      field,
      messages: [`${field} must name a service: its id, or its exact name`],
      rule: 'monitoring.service-unknown',
    })),
    'rule-violation',
  );

/** 400: what the monitor sent cannot be read, field by field (nothing of it was taken). */
export const unreadableAlerts = (problems: Array<{ field: string; problem: string }>) =>
  new ValidationFailedError(
    problems.map(({ field, problem }) => ({
      field: field || 'body',
      messages: [`${field || 'the body'}: ${ALERT_PROBLEM_WORDS[problem] ?? problem}`],
      rule: `monitoring.${problem}`,
    })),
  );

const ALERT_PROBLEM_WORDS: Record<string, string> = {
  required: 'is required',
  version: 'must be "4" (Alertmanager webhook version 4)',
  status: 'must be firing or resolved',
  timestamp: 'must be an RFC 3339 time with its offset',
  'too-many': `holds more alerts than one message may (${MAX_ALERTS_PER_PAYLOAD})`,
};

export const incidentAlreadyPublished = () =>
  new DomainError('incident.published', 'The incident is already published.', 'conflict');

export const nothingGivenUp = () =>
  new DomainError('incident.nothing-given-up', 'No recipient of this incident was given up.', 'conflict');

export const maintenanceNotFound = (id: string) =>
  new DomainError('maintenance.not-found', `No maintenance with id ${id}.`, 'not-found');

export const maintenanceCancelled = () =>
  new DomainError('maintenance.cancelled', 'The maintenance was cancelled.', 'conflict');

export const maintenanceFinished = () =>
  new DomainError('maintenance.finished', 'The maintenance window is over.', 'conflict');

export const maintenanceStarted = () =>
  new DomainError('maintenance.started', 'The maintenance has started: its times can no longer change.', 'conflict');

export const serviceNameTaken = (name: string) =>
  new DomainError('service.name-taken', `A service named ${name} exists.`, 'conflict');

export const serviceNotFound = (id: string) =>
  new DomainError('service.not-found', `No service with id ${id}.`, 'not-found');

export const organizationNotFound = (id: string) =>
  new DomainError('organization.not-found', `No organization with id ${id}.`, 'not-found');

export const noticeRecipientNotFound = (id: string) =>
  new DomainError('notice-recipient.not-found', `No notice recipient with id ${id}.`, 'not-found');

export const noticeRecipientTaken = (email: string) =>
  new DomainError('notice-recipient.taken', `${email} already receives this organization's notices.`, 'conflict');

export const notQuarantined = (email: string) =>
  new DomainError('quarantine.not-found', `${email} is not quarantined.`, 'not-found');

/** The first published notice rule of `violations` broken (`rule` names it, `field` the input), the others listed. */
export const ruleBroken = (violations: readonly RuleViolation[]) => {
  const [violation, ...more] = violations;
  return new DomainError(violation!.rule, violation!.message, 'rule-violation', {
    rule: violation!.rule,
    field: violation!.field,
    ...violation!.details,
    ...(more.length > 0 ? { alsoBroken: more.map((v) => ({ rule: v.rule, message: v.message })) } : {}),
  });
};

/** 404: a confirmation link that is unknown, already used or past its time. */
export const subscriptionLinkInvalid = () =>
  new DomainError(
    'subscription.link-invalid',
    'This confirmation link is unknown, already used or expired: subscribe again for a new one.',
    'not-found',
  );

/** 429: too many subscription requests from one client address. */
export const subscriptionRateLimited = (retryAfterSeconds: number) =>
  new DomainError(
    'subscription.rate-limited',
    `Too many subscription requests from your address. Try again in ${retryAfterSeconds} seconds.`,
    'rate-limited',
    { retryAfterSeconds },
  );
