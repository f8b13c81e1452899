import { DomainError, ValidationFailedError } from '@madoguchi/common';

import type { UploadRefusal } from './attachment';
import type { TicketStatus } from './ticket';
import type { MergeRefusal } from './ticket-merge';

/**
 * Every error the tickets library answers with, one constructor each: the `code` of the
 * problem+json body is stable (scripts and the pages' translations key on it).
 */
export const ticketNotFound = (id: string) =>
  new DomainError('ticket.not-found', `No ticket with id ${id}.`, 'not-found');

export const ticketClosed = (number: string) =>
  new DomainError('ticket.closed', `Ticket ${number} is closed.`, 'rule-violation', { rule: 'ticket.closed' });

export const invalidTransition = (from: TicketStatus, to: TicketStatus) =>
  new DomainError('ticket.invalid-transition', `A ${from} ticket cannot become ${to}.`, 'rule-violation', {
    rule: 'ticket.status-transition',
    from,
    to,
  });

export const idempotencyKeyReused = () =>
  new DomainError(
    'idempotency.key-reused',
    'This Idempotency-Key was used with a different request.',
    'rule-violation',
    {
      rule: 'idempotency.same-request',
    },
  );

export const inquiryRateLimited = (retryAfterSeconds: number) =>
  new DomainError(
    'inquiry.rate-limited',
    `Too many inquiries from your address. Try again in ${retryAfterSeconds} seconds.`,
    'rate-limited',
    { retryAfterSeconds },
  );

export const attachmentNotFound = (id: string) =>
  new DomainError('attachment.not-found', `No attachment ${id} on this ticket.`, 'not-found');

export const groupNotFound = (id: string) => new DomainError('group.not-found', `No group ${id}.`, 'not-found');

export const groupNameTaken = (name: string) =>
  new DomainError('group.name-taken', `A group named ${name} already exists.`, 'conflict');

export const slaPolicyNotFound = (id: string) =>
  new DomainError('sla-policy.not-found', `No SLA policy with id ${id}.`, 'not-found');

export const organizationNotFound = (id: string) =>
  new DomainError('organization.not-found', `No organization with id ${id}.`, 'not-found');

/** 400 on the field, as validation answers (the pages show it beside the input). */
export const unknownGroup = () =>
  new ValidationFailedError([{ field: 'groupId', messages: ['no group has this id'], rule: 'group.unknown' }]);

/** mailparser's limits (MIME parts, header size) reached: a structure no real mail has. */
export const inboundMailTooComplex = (reason: string) =>
  new DomainError('inbound-mail.too-complex', `The mail cannot be read: ${reason}.`, 'rule-violation');

export const internalNoteByCustomer = () =>
  new ValidationFailedError([
    { field: 'internal', messages: ['only staff can write internal notes'], rule: 'ticket.internal-staff-only' },
  ]);

export const replyStatusByCustomer = () =>
  new ValidationFailedError([
    { field: 'status', messages: ['only staff set a status with a message'], rule: 'ticket.reply-status-staff-only' },
  ]);

export const cannedReplyNotFound = (id: string) =>
  new DomainError('canned-reply.not-found', `No canned reply ${id}.`, 'not-found');

export const cannedReplySharedByManagers = () =>
  new DomainError(
    'canned-reply.shared-by-managers',
    'Managers keep the shared canned replies; agents keep personal ones.',
    'forbidden',
  );

/** 400 on `body`: a `{{name}}` that is no placeholder would reach the customer as typed. */
export const unknownCannedPlaceholders = (names: string[], known: readonly string[]) =>
  new ValidationFailedError([
    {
      field: 'body',
      messages: [`unknown placeholders: ${names.map((name) => `{{${name}}}`).join(', ')}`],
      rule: 'canned-reply.placeholder',
      params: {
        names: names.map((name) => `{{${name}}}`).join(' '),
        known: known.map((name) => `{{${name}}}`).join(' '),
      },
    },
  ]);

/** 400 on `files`, one problem per refused file, in the reader's language (`validation.attachment.<reason>`). */
export const uploadsRefused = (
  refused: ReadonlyArray<{ filename: string; reason: UploadRefusal }>,
  limits: { files: number; megabytes: number },
) => {
  const english: Record<UploadRefusal, (filename: string) => string> = {
    type: (name) => `“${name}” is a kind of file we do not take (images, PDF, text, CSV, Office and ZIP files are)`,
    'too-large': (name) => `“${name}” is larger than ${limits.megabytes} MB`,
    empty: (name) => `“${name}” is empty`,
    'too-many': () => `at most ${limits.files} files can be attached at once`,
    field: (name) => `“${name}” was not sent in the “files” field`,
  };
  return new ValidationFailedError(
    refused.map(({ filename, reason }) => ({
      field: 'files',
      messages: [english[reason](filename)],
      rule: `attachment.${reason}`,
      params: { filename, max: String(limits.files), megabytes: String(limits.megabytes) },
    })),
  );
};

const MERGE_REFUSALS: Record<MergeRefusal, () => DomainError> = {
  same: () => new DomainError('ticket.merge-same', 'A ticket cannot be merged into itself.', 'rule-violation'),
  merged: () => new DomainError('ticket.merge-merged', 'One of the tickets was merged already.', 'rule-violation'),
  closed: () =>
    new DomainError('ticket.merge-closed', 'A ticket cannot be merged into a closed one.', 'rule-violation'),
  'other-organization': () =>
    new DomainError(
      'ticket.merge-other-organization',
      'Tickets of different organizations cannot be merged.',
      'rule-violation',
    ),
};

/** 422: each reason its own code (`ticket.merge-<reason>`), so a page can say which. */
export const mergeRefused = (reason: MergeRefusal) => MERGE_REFUSALS[reason]();

export const tagNotFound = (id: string) => new DomainError('tag.not-found', `No tag with id ${id}.`, 'not-found');

export const tagNameTaken = (name: string) =>
  new DomainError('tag.name-taken', `A tag named ${name} already exists.`, 'conflict');

export const invalidTagName = (field: string, problem: 'empty' | 'too-long' | 'comma') =>
  new ValidationFailedError([
    {
      field,
      messages: [problem === 'comma' ? 'a tag name has no commas' : 'must be 1 to 40 characters'],
      rule: problem === 'comma' ? 'tag.comma' : 'lengthBetween',
      params: { min: '1', max: '40' },
    },
  ]);

/** Tags on tickets come from the list managers keep: a name not on it is refused, not added. */
export const unknownTags = (field: string, names: readonly string[]) =>
  new ValidationFailedError(
    [
      {
        field,
        messages: [`not on the tag list: ${names.join(', ')}`],
        rule: 'tag.unknown',
        params: { names: names.join('、') },
      },
    ],
    'rule-violation',
  );

export const tooManyTags = (field: string, max: number) =>
  new ValidationFailedError([
    { field, messages: [`at most ${max} tags`], rule: 'tag.too-many', params: { max: String(max) } },
  ]);
