import { DomainError, ValidationFailedError } from '@madoguchi/common';

export const invalidCredentials = () =>
  new DomainError('auth.invalid-credentials', 'The e-mail address or password is incorrect.', 'unauthorized');

export const loginThrottled = (retryAfterSeconds: number) =>
  new DomainError(
    'auth.too-many-attempts',
    `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`,
    'rate-limited',
    {
      retryAfterSeconds,
    },
  );

export const invalidSecondFactorCode = () =>
  new DomainError(
    'auth.second-factor-invalid',
    'The code is wrong, or has been used already. Enter the code your authenticator app shows now, or a recovery code.',
    'unauthorized',
  );

export const signInStepExpired = () =>
  new DomainError(
    'auth.challenge-expired',
    'This sign-in step has expired or was used already: sign in again with your password.',
    'unauthorized',
  );

export const secondFactorAlreadyEnrolled = () =>
  new DomainError(
    'second-factor.enrolled',
    'A second factor is set up already: remove it first to set up another.',
    'conflict',
  );

export const secondFactorNotEnrolled = () =>
  new DomainError('second-factor.not-enrolled', 'No second factor is set up for this account.', 'conflict');

export const secondFactorRequired = () =>
  new DomainError(
    'second-factor.required',
    'Your role must sign in with a second factor: it cannot be removed (an admin can reset it).',
    'rule-violation',
  );

export const organizationNotFound = (id: string) =>
  new DomainError('organization.not-found', `No organization with id ${id}.`, 'not-found');

export const userNotFound = (id: string) => new DomainError('user.not-found', `No user with id ${id}.`, 'not-found');

export const emailTaken = (email: string) =>
  new DomainError('user.email-taken', `A user with the e-mail address ${email} already exists.`, 'conflict');

export const organizationCodeTaken = (code: string) =>
  new DomainError('organization.code-taken', `An organization with the code ${code} already exists.`, 'conflict');

export const invalidField = (field: string, rule: string, message: string) =>
  new ValidationFailedError([{ field, messages: [message], rule }]);

/** 422: tickets, groups and PBX agents are handed to active agents, managers and admins only. */
export const notActiveStaff = (field: string, ids: string[]) =>
  new ValidationFailedError(
    [
      {
        field,
        messages: [`not active staff: ${ids.join(', ')}`],
        rule: 'staff.inactive',
        params: { count: String(ids.length) },
      },
    ],
    'rule-violation',
  );

/** 400 on `token`: the link is unknown, used, expired, or its account was closed meanwhile. */
export const accountLinkInvalid = () =>
  invalidField('token', 'account.link-invalid', 'this link has expired or was used already: ask for a new one');

/** 400 on `password`: a new user needs a password, or an invitation to set their own. */
export const passwordOrInvitation = () =>
  invalidField('password', 'user.password-or-invite', 'give a password, or invite the user to set their own');

export const passwordResetRateLimited = (retryAfterSeconds: number) =>
  new DomainError(
    'auth.password-reset-rate-limited',
    `Too many password-reset requests from your address. Try again in ${retryAfterSeconds} seconds.`,
    'rate-limited',
    { retryAfterSeconds },
  );

/** 403: managers add their customers' contacts; staff accounts are the admins' to create. */
export const staffByAdminsOnly = () =>
  new DomainError('user.staff-by-admins', 'Only admins add staff; managers add customer contacts.', 'forbidden');

export const invitationAccepted = () =>
  new DomainError(
    'user.invitation-accepted',
    'This user has set a password already: no invitation is needed.',
    'conflict',
  );

export const userInactive = () =>
  new DomainError('user.inactive', 'This user is deactivated: reactivate them before inviting.', 'conflict');

/** At most `INVITATIONS_PER_HOUR` invitations an hour for one account: a mailbox is not to be flooded. */
export const invitationThrottled = () =>
  new DomainError('user.invitation-throttled', 'Too many invitations for this user within the hour.', 'rate-limited', {
    retryAfterSeconds: 3600,
  });
