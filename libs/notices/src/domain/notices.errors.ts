import { DomainError, ValidationFailedError } from '@madoguchi/common';

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
