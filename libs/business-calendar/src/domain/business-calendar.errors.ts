import { DomainError } from '@madoguchi/common';

/**
 * Every error the business-calendar library answers with, one constructor each: the `code` of the
 * problem+json body is stable (scripts and the pages' translations key on it).
 */
export const calendarNotFound = (id: string) =>
  new DomainError('calendar.not-found', `No business calendar with id ${id}.`, 'not-found');

export const calendarIdTaken = (id: string) =>
  new DomainError('calendar.id-taken', `A calendar with id ${id} already exists.`, 'conflict');
