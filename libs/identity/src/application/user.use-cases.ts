import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { type RequestContext, type Role, ValidationFailedError } from '@madoguchi/common';

import { emailTaken, invalidField, notFound } from '../domain/identity.errors';
import { passwordProblems } from '../domain/password-policy';
import { DirectoryRepository } from '../infrastructure/directory.repository';
import { OrganizationEntity } from '../infrastructure/organization.entity';
import { PasswordHasher } from '../infrastructure/password-hasher';
import { UserEntity } from '../infrastructure/user.entity';

export interface UserInput {
  email: string;
  name: string;
  password: string;
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

/** Serialises first starts (only `createFirstUser` takes it). */
const FIRST_USER_LOCK = 7_302_114;

@Injectable()
export class UserUseCases {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async create(context: RequestContext, input: UserInput): Promise<UserEntity> {
    const passwordHash = await this.checkedPasswordHash(input);
    return this.dataSource.transaction((manager) => this.insert(manager, context, input, passwordHash));
  }

  /**
   * The first user, created once however many processes start at the same moment: the check that
   * no user exists and the insert are one step under a lock, so the second starter finds the first
   * one's admin and creates nothing. Null when a user already existed.
   */
  async createFirstUser(context: RequestContext, input: UserInput): Promise<UserEntity | null> {
    const passwordHash = await this.checkedPasswordHash(input);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_USER_LOCK]);
      if ((await this.directory.countUsers(manager)) > 0) return null;
      return this.insert(manager, context, input, passwordHash);
    });
  }

  private async checkedPasswordHash(input: UserInput): Promise<string> {
    const problems = passwordProblems(input.password, input.email.trim().toLowerCase());
    if (problems.length > 0) throw new ValidationFailedError([{ field: 'password', messages: problems }]);
    return this.hasher.hash(input.password);
  }

  private async insert(
    manager: EntityManager,
    context: RequestContext,
    input: UserInput,
    passwordHash: string,
  ): Promise<UserEntity> {
    const email = input.email.trim().toLowerCase();
    const organizationId = await this.checkedOrganization(manager, input.role, input.organizationId ?? null);
    if (await this.directory.userByEmail(email, manager)) throw emailTaken(email);
    const user = manager.create(UserEntity, {
      id: randomUUID(),
      email,
      name: input.name.trim(),
      passwordHash,
      role: input.role,
      organizationId,
      language: input.language ?? 'ja',
      active: true,
    });
    await manager.insert(UserEntity, user);
    const saved = await manager.findOneByOrFail(UserEntity, { id: user.id });
    await this.audit.record(manager, context, {
      action: 'user.create',
      targetType: 'user',
      targetId: saved.id,
      summary: { after: snapshot(saved) },
    });
    return saved;
  }

  async update(context: RequestContext, id: string, changes: UserChanges): Promise<UserEntity> {
    if (changes.password !== undefined) {
      const problems = passwordProblems(changes.password);
      if (problems.length > 0) throw new ValidationFailedError([{ field: 'password', messages: problems }]);
    }
    const passwordHash = changes.password === undefined ? undefined : await this.hasher.hash(changes.password);
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound('user', id);
      const role = changes.role ?? current.role;
      const organizationId = await this.checkedOrganization(
        manager,
        role,
        changes.organizationId === undefined ? current.organizationId : changes.organizationId,
      );
      await manager.update(
        UserEntity,
        { id },
        {
          name: changes.name?.trim() ?? current.name,
          role,
          organizationId,
          language: changes.language ?? current.language,
          active: changes.active ?? current.active,
          ...(passwordHash ? { passwordHash } : {}),
          updatedAt: new Date(),
        },
      );
      if (changes.active === false || passwordHash) {
        // A deactivated user, or one whose password changed, keeps no open session or token.
        await manager.query(`UPDATE access_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
          id,
        ]);
      }
      const saved = await manager.findOneByOrFail(UserEntity, { id });
      await this.audit.record(manager, context, {
        action: changes.active === false && current.active ? 'user.deactivate' : 'user.update',
        targetType: 'user',
        targetId: id,
        summary: { before: snapshot(current), after: snapshot(saved), passwordChanged: Boolean(passwordHash) },
      });
      return saved;
    });
  }

  /** Customers belong to exactly one active organization; staff belong to none. */
  private async checkedOrganization(manager: EntityManager, role: Role, organizationId: string | null) {
    if (role !== 'customer') {
      if (organizationId) throw invalidField('organizationId', 'only customer contacts belong to an organization');
      return null;
    }
    if (!organizationId) throw invalidField('organizationId', 'a customer contact needs an organization');
    const organization = await manager.findOneBy(OrganizationEntity, { id: organizationId });
    if (!organization || !organization.active)
      throw invalidField('organizationId', 'no active organization has this id');
    return organizationId;
  }
}
