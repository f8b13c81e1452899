import { DomainError } from '@madoguchi/common';

import type { ImportFormat, UploadMismatch } from './import-format';

/**
 * Every error the telephony library answers with, one constructor each: the `code` of the
 * problem+json body is stable (scripts and the pages' translations key on it).
 */
export const callNotFound = (id: string) => new DomainError('call.not-found', `No call with id ${id}.`, 'not-found');

export const callInFuture = () =>
  new DomainError('call.in-future', 'A logged call cannot start in the future.', 'rule-violation', {
    field: 'startedAt',
  });

export const callHasTicket = (ticketId: string) =>
  new DomainError('call.has-ticket', 'This call already has a ticket.', 'conflict', { ticketId });

export const importNotFound = (id: string) =>
  new DomainError('import.not-found', `No import with id ${id}.`, 'not-found');

export const importWrongFormat = (advice: string, mismatch: UploadMismatch, format: ImportFormat) =>
  new DomainError('import.wrong-format', advice, 'rule-violation', { mismatch, format });

export const importTooLarge = (maxMb: number) =>
  new DomainError('import.too-large', `The file is larger than ${maxMb} MiB (IMPORT_MAX_MB).`, 'too-large');

export const closureEmpty = () =>
  new DomainError('closure.empty', 'A closure must end after it starts.', 'rule-violation', { field: 'endsAt' });

export const closureNotFound = (id: string) =>
  new DomainError('closure.not-found', `No closure with id ${id}.`, 'not-found');
