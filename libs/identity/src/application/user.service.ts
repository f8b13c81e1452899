import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { type Principal, type RequestContext, type Role, ValidationFailedError } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';

import {
  emailTaken,
  invalidField,
  notActiveStaff,
  passwordOrInvitation,
  staffByAdminsOnly,
  userNotFound,
} from '../domain/identity.errors';
import { passwordProblem } from '../domain/password-policy';
import { AccessTokenRepository } from '../infrastructure/access-token.repository';
import { DirectoryRepository } from '../infrastructure/directory.repository';
import { PasswordHasher } from '../infrastructure/password-hasher';
import type { UserEntity } from '../infrastructure/user.entity';
import { AccountLinkService } from './account-link.service';

export interface UserInput {
  email: string;
  name: string;
  /** None: `invite` must be set, and the user sets their own from the invitation's link. */
  password?: string;
  /** Send an invitation e-mail with a single-use link to set a password. */
  invite?: boolean;
  role: Role;
  organizationId?: string | null;
  language?: 'ja' | 'en';
}

export interface UserChanges {
  name?: string;
  role?: Role;
  organizationId?: string | null;
  language?: 'ja' | 'en';
  active?: boolean;
  password?: string;
}

/** What an audit entry says about a user: never the password hash. */
const snapshot = (u: UserEntity) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  organizationId: u.organizationId,
  language: u.language,
  active: u.active,
});

@Injectable()
export class UserService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly directory: DirectoryRepository,
    private readonly tokens: AccessTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly links: AccountLinkService,
  ) {}

  /** The users the viewer may see: everyone for staff, their organization’s contacts for a customer. */
  list(viewer: Principal): Promise<UserEntity[]> {
    return this.directory.users(viewer);
  }

  /** Active staff, by name: whom a ticket may be handed to. */
  async activeStaff(): Promise<Array<{ id: string; name: string }>> {
    return (await this.directory.activeStaff()).map(({ id, name }) => ({ id, name }));
  }

  /**
   * Staff members' names by id, for anyone who sees their work (a customer reading an agent's reply):
   * a name, never an account, and no customer's name.
   */
  staffNames(ids: readonly string[]): Promise<Map<string, string>> {
    return this.directory.staffNames(ids);
  }

  /**
   * Refuses (422 on `field`) any id that is not an active agent, manager or admin: whoever is handed
   * a ticket, a group seat or a PBX extension gets its mail and sees its internal notes.
   */
  async requireActiveStaff(field: string, ids: readonly string[], transaction?: Transaction): Promise<void> {
    const staff = await this.directory.activeStaffAmong(ids, transaction);
    const refused = [...new Set(ids)].filter((id) => !staff.has(id));
    if (refused.length > 0) throw notActiveStaff(field, refused);
  }

  /** Names of the users and organizations with these ids, as far as the viewer may see them. */
  namesOf(viewer: Principal, ids: readonly string[]): Promise<Map<string, string>> {
    return this.directory.namesOf(viewer, ids);
  }

  async get(viewer: Principal, id: string): Promise<UserEntity> {
    const user = await this.directory.user(viewer, id);
    if (!user) throw userNotFound(id);
    return user;
  }

  async create(context: RequestContext, input: UserInput): Promise<UserEntity> {
    if (input.password === undefined && !input.invite) throw passwordOrInvitation();
    // Managers add their customers' contacts; only admins create staff.
    if (context.actor?.role === 'manager' && input.role !== 'customer') {
      throw staffByAdminsOnly();
    }
    const passwordHash = input.password === undefined ? null : await this.checkedPasswordHash(input, input.password);
    return this.unitOfWork.run(async (transaction) => {
      const user = await this.insert(transaction, context, input, passwordHash);
      if (input.invite) await this.links.invite(transaction, context, user);
      return user;
    });
  }

  /**
   * The first user, created once however many processes start at the same moment: the check that
   * no user exists and the insert are one step under a lock, so the second starter finds the first
   * one's admin and creates nothing. Null when a user already existed.
   */
  async createFirstUser(context: RequestContext, input: UserInput & { password: string }): Promise<UserEntity | null> {
    const passwordHash = await this.checkedPasswordHash(input, input.password);
    return this.unitOfWork.run(async (transaction) => {
      await this.directory.lockFirstUser(transaction);
      if ((await this.directory.countUsers(transaction)) > 0) return null;
      return this.insert(transaction, context, input, passwordHash);
    });
  }

  private async checkedPasswordHash(input: UserInput, password: string): Promise<string> {
    const problem = passwordProblem(password, input.email.trim().toLowerCase());
    if (problem) throw new ValidationFailedError([problem]);
    return this.hasher.hash(password);
  }

  private async insert(
    transaction: Transaction,
    context: RequestContext,
    input: UserInput,
    passwordHash: string | null,
  ): Promise<UserEntity> {
    const email = input.email.trim().toLowerCase();
    const organizationId = await this.checkedOrganization(transaction, input.role, input.organizationId ?? null);
    if (await this.directory.userByEmail(email, transaction)) throw emailTaken(email);
    const saved = await this.directory.insertUser(transaction, {
      id: randomUUID(),
      email,
      name: input.name.trim(),
      passwordHash,
      role: input.role,
      organizationId,
      language: input.language ?? 'ja',
      active: true,
    });
    await this.audit.record(transaction, context, {
      action: 'user.create',
      targetType: 'user',
      targetId: saved.id,
      summary: { after: snapshot(saved) },
    });
    return saved;
  }

  async update(context: RequestContext, id: string, changes: UserChanges): Promise<UserEntity> {
    if (changes.password !== undefined) {
      const problem = passwordProblem(changes.password);
      if (problem) throw new ValidationFailedError([problem]);
    }
    const passwordHash = changes.password === undefined ? undefined : await this.hasher.hash(changes.password);
    return this.unitOfWork.run(async (transaction) => {
      const current = await this.directory.userForUpdate(transaction, id);
      if (!current) throw userNotFound(id);
      const role = changes.role ?? current.role;
      const organizationId = await this.checkedOrganization(
        transaction,
        role,
        changes.organizationId === undefined ? current.organizationId : changes.organizationId,
      );
      const saved = await this.directory.updateUser(transaction, id, {
        name: changes.name?.trim() ?? current.name,
        role,
        organizationId,
        language: changes.language ?? current.language,
        active: changes.active ?? current.active,
        ...(passwordHash ? { passwordHash } : {}),
      });
      // A deactivated user, or one whose password changed, keeps no open session or token.
      if (changes.active === false || passwordHash) await this.tokens.revokeAllOf(transaction, id);
      await this.audit.record(transaction, context, {
        action: changes.active === false && current.active ? 'user.deactivate' : 'user.update',
        targetType: 'user',
        targetId: id,
        summary: { before: snapshot(current), after: snapshot(saved), passwordChanged: Boolean(passwordHash) },
      });
      return saved;
    });
  }

  /**
   * The signed-in user changes their own password, proving the current one: every session and
   * token of theirs ends (the page signs them in again), and the change is audited.
   */
  async changeOwnPassword(context: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    const viewer = context.actor!;
    await this.unitOfWork.run(async (transaction) => {
      const user = await this.directory.userForUpdate(transaction, viewer.userId);
      if (!user) throw userNotFound(viewer.userId);
      if (!(await this.hasher.verify(user.passwordHash, currentPassword)))
        throw new ValidationFailedError([
          { field: 'currentPassword', messages: ['is not your current password'], rule: 'password.current' },
        ]);
      const problem = passwordProblem(newPassword, user.email);
      if (problem) throw new ValidationFailedError([{ ...problem, field: 'newPassword' }]);
      await this.directory.setPassword(transaction, user.id, await this.hasher.hash(newPassword));
      await this.tokens.revokeAllOf(transaction, user.id);
      await this.audit.record(transaction, context, {
        action: 'user.password-change',
        targetType: 'user',
        targetId: user.id,
        summary: {},
      });
    });
  }

  /** The signed-in user's own settings (the language of pages and e-mails), audited. */
  async changeOwnSettings(context: RequestContext, changes: { language?: 'ja' | 'en' }): Promise<UserEntity> {
    const viewer = context.actor!;
    return this.unitOfWork.run(async (transaction) => {
      const current = await this.directory.userForUpdate(transaction, viewer.userId);
      if (!current) throw userNotFound(viewer.userId);
      const saved = await this.directory.updateUser(transaction, current.id, {
        name: current.name,
        role: current.role,
        organizationId: current.organizationId,
        language: changes.language ?? current.language,
        active: current.active,
      });
      await this.audit.record(transaction, context, {
        action: 'user.settings',
        targetType: 'user',
        targetId: current.id,
        summary: { before: { language: current.language }, after: { language: saved.language } },
      });
      return saved;
    });
  }

  /** Customers belong to exactly one active organization; staff belong to none. */
  private async checkedOrganization(transaction: Transaction, role: Role, organizationId: string | null) {
    if (role !== 'customer') {
      if (organizationId)
        throw invalidField(
          'organizationId',
          'user.staff-organization',
          'only customer contacts belong to an organization',
        );
      return null;
    }
    if (!organizationId)
      throw invalidField('organizationId', 'user.organization-required', 'a customer contact needs an organization');
    if (!(await this.directory.isActiveOrganization(transaction, organizationId)))
      throw invalidField('organizationId', 'user.organization-unknown', 'no active organization has this id');
    return organizationId;
  }
}
