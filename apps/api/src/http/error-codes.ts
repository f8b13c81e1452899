/**
 * Every `code` a problem response can carry: the contract scripts and the pages' translations key
 * on. The OpenAPI document lists them (see `errorCodeTable`); `error-codes.spec.ts` checks this list
 * against the code that raises them, both ways, so neither can change without the other.
 */
export const ERROR_CODES: ReadonlyArray<{ code: string; status: number; meaning: string }> = [
  // Any endpoint (the HTTP layer)
  { code: 'validation.failed', status: 400, meaning: 'Invalid fields; `errors` lists them, field by field' },
  { code: 'request.bad', status: 400, meaning: 'A malformed request (bad JSON, say)' },
  { code: 'auth.required', status: 401, meaning: 'Not signed in, or the token has expired or been revoked' },
  { code: 'auth.forbidden', status: 403, meaning: 'Signed in without the role this needs' },
  { code: 'resource.not-found', status: 404, meaning: 'No such path' },
  { code: 'request.method-not-allowed', status: 405, meaning: 'The path does not take this method' },
  { code: 'request.too-large', status: 413, meaning: 'The body is larger than the endpoint takes' },
  { code: 'request.unsupported-media-type', status: 415, meaning: 'A Content-Type the endpoint does not take' },
  { code: 'request.rate-limited', status: 429, meaning: 'Too many requests' },
  { code: 'request.failed', status: 400, meaning: 'Another client error (the status says which)' },
  { code: 'server.error', status: 500, meaning: 'An unexpected error; the request id finds it in the logs' },
  {
    code: 'database.unavailable',
    status: 503,
    meaning: 'The database cannot be reached; nothing was done (see Retry-After)',
  },
  { code: 'health.unavailable', status: 503, meaning: 'A health check failed; `checks` says which' },
  // Sign-in and directory
  { code: 'auth.invalid-credentials', status: 401, meaning: 'Wrong e-mail address or password' },
  { code: 'auth.too-many-attempts', status: 429, meaning: 'Sign-in throttled; `retryAfterSeconds` says how long' },
  {
    code: 'auth.password-reset-rate-limited',
    status: 429,
    meaning: 'Too many password-reset requests from this address; `retryAfterSeconds` says how long',
  },
  { code: 'auth.second-factor-invalid', status: 401, meaning: 'The second-factor code is wrong or was used already' },
  { code: 'auth.challenge-expired', status: 401, meaning: 'The sign-in step expired or was used: sign in again' },
  { code: 'second-factor.enrolled', status: 409, meaning: 'A second factor is set up already' },
  { code: 'second-factor.not-enrolled', status: 409, meaning: 'No second factor is set up' },
  {
    code: 'second-factor.required',
    status: 422,
    meaning: 'The role requires a second factor; only an admin can reset it',
  },
  { code: 'user.not-found', status: 404, meaning: 'No such user' },
  { code: 'user.email-taken', status: 409, meaning: 'Another user has this e-mail address' },
  { code: 'organization.not-found', status: 404, meaning: 'No such organization (or not yours)' },
  { code: 'organization.code-taken', status: 409, meaning: 'Another organization has this code' },
  // Business calendars
  { code: 'calendar.not-found', status: 404, meaning: 'No such calendar' },
  { code: 'calendar.id-taken', status: 409, meaning: 'A calendar with this id exists' },
  { code: 'calendar.out-of-range', status: 422, meaning: 'Outside the holiday data (1970–2050 for jp)' },
  // Tickets
  { code: 'ticket.not-found', status: 404, meaning: 'No such ticket (or not yours)' },
  { code: 'ticket.closed', status: 422, meaning: 'The ticket is closed' },
  { code: 'ticket.invalid-transition', status: 422, meaning: 'This status cannot follow the current one' },
  { code: 'attachment.not-found', status: 404, meaning: 'No such file on this ticket' },
  { code: 'idempotency.key-reused', status: 422, meaning: 'This Idempotency-Key came with a different request' },
  { code: 'inquiry.rate-limited', status: 429, meaning: 'Too many inquiries from this address (see Retry-After)' },
  {
    code: 'inbound-mail.too-complex',
    status: 422,
    meaning: 'The mail has more MIME parts or header lines than a reader takes (the mail server should bounce it)',
  },
  { code: 'group.not-found', status: 404, meaning: 'No such agent group' },
  { code: 'group.name-taken', status: 409, meaning: 'A group with this name exists' },
  { code: 'tag.not-found', status: 404, meaning: 'No tag with this id on the list' },
  { code: 'tag.name-taken', status: 409, meaning: 'A tag of this name is on the list (case aside)' },
  { code: 'sla-policy.not-found', status: 404, meaning: 'No such SLA policy' },
  // Telephony
  { code: 'call.not-found', status: 404, meaning: 'No such call' },
  { code: 'call.has-ticket', status: 409, meaning: 'The call already has a ticket' },
  { code: 'call.in-future', status: 422, meaning: 'A logged call cannot start in the future' },
  { code: 'closure.not-found', status: 404, meaning: 'No such desk closure' },
  { code: 'closure.empty', status: 422, meaning: 'A closure must end after it starts' },
  { code: 'import.not-found', status: 404, meaning: 'No such import' },
  { code: 'import.too-large', status: 413, meaning: 'The upload is larger than IMPORT_MAX_MB' },
  { code: 'import.wrong-format', status: 422, meaning: 'The file is not in the format named' },
  // KPIs and disclosure
  { code: 'kpi.definition-not-found', status: 404, meaning: 'No such KPI definition version' },
  { code: 'disclosure.not-found', status: 404, meaning: 'The month’s report is not published (or not public)' },
  { code: 'disclosure.already-published', status: 409, meaning: 'The month’s report is published already' },
  { code: 'disclosure.month-not-over', status: 422, meaning: 'A month is published only once it is over' },
  { code: 'disclosure.no-font', status: 503, meaning: 'No Japanese font to write the PDF with' },
  // Notices
  { code: 'incident.not-found', status: 404, meaning: 'No such incident' },
  { code: 'incident.published', status: 409, meaning: 'The incident is published already' },
  { code: 'incident.nothing-given-up', status: 409, meaning: 'No recipient of the incident was given up' },
  { code: 'maintenance.not-found', status: 404, meaning: 'No such maintenance window' },
  { code: 'maintenance.cancelled', status: 409, meaning: 'The window was cancelled' },
  { code: 'maintenance.finished', status: 409, meaning: 'The window is over' },
  { code: 'maintenance.started', status: 409, meaning: 'The window has started: its times can no longer change' },
  { code: 'maintenance.empty-window', status: 422, meaning: 'The window must end after it starts' },
  { code: 'maintenance.notice-too-short', status: 422, meaning: 'Planned maintenance needs 6 months’ notice' },
  { code: 'maintenance.reason-required', status: 422, meaning: 'Emergency maintenance needs a reason' },
  { code: 'maintenance.overlaps-support-hours', status: 422, meaning: 'Maintenance may not overlap support hours' },
  { code: 'service-change.notice-too-short', status: 422, meaning: 'A service change needs 3 months’ notice' },
  { code: 'service.name-taken', status: 409, meaning: 'A service with this name exists' },
  { code: 'user.staff-by-admins', status: 403, meaning: 'A manager tried to create a staff account' },
  { code: 'service.not-found', status: 404, meaning: 'No service with this id' },
  { code: 'notice-recipient.not-found', status: 404, meaning: 'No such extra notice address' },
  { code: 'notice-recipient.taken', status: 409, meaning: 'The address receives the notices already' },
  { code: 'quarantine.not-found', status: 404, meaning: 'The address is not quarantined' },
  {
    code: 'subscription.link-invalid',
    status: 404,
    meaning: 'The confirmation link is unknown, used or expired',
  },
  {
    code: 'subscription.rate-limited',
    status: 429,
    meaning: 'Too many subscription requests from the address (`retryAfterSeconds`)',
  },
  { code: 'ticket.merge-same', status: 422, meaning: 'A ticket cannot be merged into itself' },
  { code: 'ticket.merge-merged', status: 422, meaning: 'One of the tickets was merged already' },
  { code: 'ticket.merge-closed', status: 422, meaning: 'A ticket cannot be merged into a closed one' },
  { code: 'ticket.merge-other-organization', status: 422, meaning: 'The tickets belong to different organizations' },
  { code: 'user.invitation-accepted', status: 409, meaning: 'The user has set a password: no invitation needed' },
  { code: 'user.inactive', status: 409, meaning: 'The user is deactivated' },
  { code: 'user.invitation-throttled', status: 429, meaning: 'Three invitations for this user within the hour' },
  { code: 'canned-reply.not-found', status: 404, meaning: 'No canned reply of yours or the desk’s with this id' },
  { code: 'canned-reply.shared-by-managers', status: 403, meaning: 'An agent tried to add or change a shared reply' },
];

/** The codes as a Markdown table, for the OpenAPI document's description. */
export function errorCodeTable(): string {
  const rows = ERROR_CODES.map(({ code, status, meaning }) => `| \`${code}\` | ${status} | ${meaning} |`);
  return ['| code | status | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
