import { Injectable, Logger } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { CalendarService, formatInstant, SUPPORT_HOURS } from '@madoguchi/business-calendar';
import { Clock, type RequestContext, ValidationFailedError } from '@madoguchi/common';
import { AppConfig } from '@madoguchi/config';
import { type Transaction, UnitOfWork } from '@madoguchi/database';
import { MailOutboxService, type MailTemplate, renderMail } from '@madoguchi/mail';

import {
  ACCOUNT_LINK_LIFETIME_MS,
  ACCOUNT_LINK_PATHS,
  type AccountLinkPurpose,
  INVITATIONS_PER_HOUR,
  PASSWORD_RESET_LIMITS,
  resetAllowed,
} from '../domain/account-links';
import {
  accountLinkInvalid,
  invitationAccepted,
  invitationThrottled,
  staffByAdminsOnly,
  userInactive,
  userNotFound,
} from '../domain/identity.errors';
import { passwordProblem } from '../domain/password-policy';
import { newOpaqueToken, tokenHash } from '../domain/tokens';
import { AccessTokenRepository } from '../infrastructure/access-token.repository';
import { AccountLinkRepository } from '../infrastructure/account-link.repository';
import { DirectoryRepository } from '../infrastructure/directory.repository';
import { PasswordHasher } from '../infrastructure/password-hasher';
import type { UserEntity } from '../infrastructure/user.entity';
import {
  type AccountLinkContext,
  invitationTemplate,
  passwordResetTemplate,
} from '../templates/account-mail.templates';

/**
 * Single-use links by e-mail that let a person set their own password: a reset they ask for, an
 * invitation an admin or manager sends. The link and its mail are written in one transaction (the
 * mail outbox owns the message until a server takes it); using a link sets the password, closes
 * every other open link and every session, in one transaction too. Each step is audited.
 */
@Injectable()
export class AccountLinkService {
  private readonly logger = new Logger(AccountLinkService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly links: AccountLinkRepository,
    private readonly directory: DirectoryRepository,
    private readonly tokens: AccessTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly outbox: MailOutboxService,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Someone asks for a reset of the password of `email`. Whatever happens, the asker learns nothing
   * (the API answers 202 either way): a mail goes out only to an active user of an active
   * organization, and only within the hourly limits per account and per address.
   */
  async requestPasswordReset(context: RequestContext, email: string): Promise<void> {
    const normalized = email.trim().toLowerCase();
    await this.unitOfWork.run(async (transaction) => {
      const user = await this.directory.userByEmail(normalized, transaction);
      const active = user?.active && (await this.directory.organizationActive(user.organizationId, transaction));
      const now = this.clock.now();
      let outcome: 'sent' | 'unknown-email' | 'inactive' | 'throttled' = 'sent';
      if (!user) outcome = 'unknown-email';
      else if (!active) outcome = 'inactive';
      else {
        const since = new Date(now - PASSWORD_RESET_LIMITS.windowMs);
        const recent = await this.links.recent(transaction, 'password-reset', user.id, context.ip, since);
        if (!resetAllowed(recent)) outcome = 'throttled';
        else await this.send(transaction, context, user, 'password-reset', passwordResetTemplate, {}, now);
      }
      await this.audit.record(transaction, context, {
        action: 'auth.password-reset.request',
        targetType: 'user',
        targetId: user?.id ?? normalized,
        actorEmail: normalized,
        summary: { outcome },
      });
    });
  }

  /** Inside the transaction that creates the user: the invitation and its mail. */
  async invite(transaction: Transaction, context: RequestContext, user: UserEntity): Promise<void> {
    const organization = user.organizationId
      ? ((await this.directory.organizationName(transaction, user.organizationId)) ?? null)
      : null;
    const inviter = context.actor?.name ?? null;
    await this.send(
      transaction,
      context,
      user,
      'invitation',
      invitationTemplate,
      { inviter, organization },
      this.clock.now(),
    );
    await this.audit.record(transaction, context, {
      action: 'user.invite',
      targetType: 'user',
      targetId: user.id,
      summary: { email: user.email },
    });
  }

  /**
   * The invitation again, for a contact whose mail was lost or whose link expired: earlier links
   * stop working. Managers re-invite customer contacts, admins anyone; at most three an hour.
   */
  async resendInvitation(context: RequestContext, userId: string): Promise<void> {
    const now = this.clock.now();
    await this.unitOfWork.run(async (transaction) => {
      const user = await this.directory.userForUpdate(transaction, userId);
      if (!user) throw userNotFound(userId);
      if (context.actor?.role === 'manager' && user.role !== 'customer') throw staffByAdminsOnly();
      if (user.passwordHash) throw invitationAccepted();
      if (!user.active) throw userInactive();
      const recent = await this.links.recent(transaction, 'invitation', user.id, null, new Date(now - 3_600_000));
      if (recent.forAccount >= INVITATIONS_PER_HOUR) throw invitationThrottled();
      await this.links.closeOpen(transaction, user.id, new Date(now));
      await this.invite(transaction, context, user);
    });
  }

  /** Whether a link would work now: its page asks for a new password only then. */
  usable(token: string, purpose: AccountLinkPurpose): Promise<boolean> {
    return this.links.usable(tokenHash(token), purpose, new Date(this.clock.now()));
  }

  /**
   * Sets the password the link's holder chose. The link is used up in the same transaction as the
   * new password: a password the policy refuses leaves the link working. Every open session and
   * token of the user ends, and every other open link closes.
   */
  async complete(context: RequestContext, purpose: AccountLinkPurpose, token: string, password: string): Promise<void> {
    const now = new Date(this.clock.now());
    const userId = await this.unitOfWork.run(async (transaction) => {
      const holder = await this.links.consume(transaction, tokenHash(token), purpose, now);
      const user = holder ? await this.directory.userForUpdate(transaction, holder) : null;
      if (!user?.active || !(await this.directory.organizationActive(user.organizationId, transaction))) {
        throw accountLinkInvalid();
      }
      const problem = passwordProblem(password, user.email);
      if (problem) throw new ValidationFailedError([problem]);
      await this.directory.setPassword(transaction, user.id, await this.hasher.hash(password));
      await this.links.closeOpen(transaction, user.id, now);
      await this.tokens.revokeAllOf(transaction, user.id);
      await this.audit.record(transaction, context, {
        action: purpose === 'invitation' ? 'user.invitation.accept' : 'user.password-reset',
        targetType: 'user',
        targetId: user.id,
        actorEmail: user.email,
        summary: {},
      });
      return user.id;
    });
    this.logger.log({ userId, purpose }, 'password set from an account link');
  }

  private async send<Extra extends object>(
    transaction: Transaction,
    context: RequestContext,
    user: UserEntity,
    purpose: AccountLinkPurpose,
    template: MailTemplate<AccountLinkContext & Extra>,
    extra: Extra,
    now: number,
  ): Promise<void> {
    const token = newOpaqueToken();
    const hash = tokenHash(token);
    const expiresAt = now + ACCOUNT_LINK_LIFETIME_MS[purpose];
    await this.links.insert(transaction, {
      tokenHash: hash,
      userId: user.id,
      purpose,
      requestedFrom: purpose === 'password-reset' ? context.ip : null,
      createdAt: new Date(now),
      expiresAt: new Date(expiresAt),
    });
    const url = new URL(ACCOUNT_LINK_PATHS[purpose], this.config.PUBLIC_BASE_URL);
    url.searchParams.set('token', token);
    const zone = await this.calendars.timeZone(SUPPORT_HOURS.id, transaction);
    const expires = formatInstant(expiresAt, { timeZone: zone, language: user.language, zone: 'always', now });
    const mail = renderMail(template, user.language, { name: user.name, url: url.toString(), expires, ...extra });
    // Keyed by the link's hash: a retried transaction writes the same message once.
    await this.outbox.write(transaction, { to: [user.email], ...mail }, `account-link.${hash.slice(0, 32)}`);
  }
}
