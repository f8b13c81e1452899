import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';

import { isUuid, type Principal } from '@madoguchi/common';
import { containing, managerOf, runnerOf, type Transaction } from '@madoguchi/database';

import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

/** Serialises first starts (only `lockFirstUser` takes it). */
const FIRST_USER_LOCK = 7_302_114;

type OrganizationFields = Pick<OrganizationEntity, 'name' | 'code' | 'active'>;
type UserFields = Pick<UserEntity, 'name' | 'role' | 'organizationId' | 'language' | 'active'> & {
  passwordHash?: string | null;
};

/**
 * Reads organizations and users as the principal may see them. A customer's queries always carry
 * their organization as a condition, so no caller can forget it: another organization's rows
 * simply do not exist for them.
 */
@Injectable()
export class DirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  organizations(viewer: Principal, options: { includeInactive?: boolean } = {}): Promise<OrganizationEntity[]> {
    const query = this.scopedOrganizations(viewer, this.dataSource.manager).orderBy('o.name', 'ASC');
    if (!options.includeInactive) query.andWhere('o.active = true');
    return query.getMany();
  }

  /**
   * Active organizations whose code is `text` or whose name contains it (the trigram index of
   * migration TicketTags keeps this a lookup at 860,000 organizations), code matches first.
   */
  searchOrganizations(text: string, limit: number): Promise<Array<{ id: string; name: string; code: string | null }>> {
    return this.dataSource.query(
      `SELECT id, name, code FROM organization
        WHERE active AND (lower(code) = lower($1) OR name ILIKE $2)
        ORDER BY (lower(code) = lower($1)) IS TRUE DESC, length(name), name, id
        LIMIT $3`,
      [text, containing(text), limit],
    ) as Promise<Array<{ id: string; name: string; code: string | null }>>;
  }

  organization(viewer: Principal, id: string, transaction?: Transaction) {
    return this.scopedOrganizations(viewer, runnerOf(transaction, this.dataSource))
      .andWhere('o.id = :id', { id })
      .getOne();
  }

  users(viewer: Principal): Promise<UserEntity[]> {
    return this.scopedUsers(viewer, this.dataSource.manager).orderBy('u.createdAt', 'ASC').getMany();
  }

  user(viewer: Principal, id: string, transaction?: Transaction) {
    return this.scopedUsers(viewer, runnerOf(transaction, this.dataSource)).andWhere('u.id = :id', { id }).getOne();
  }

  /** Which of these ids are active agents, managers or admins. */
  async activeStaffAmong(userIds: readonly string[], transaction?: Transaction): Promise<Set<string>> {
    const ids = [...new Set(userIds)].filter(isUuid);
    if (ids.length === 0) return new Set();
    const rows = (await runnerOf(transaction, this.dataSource).query(
      `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND active AND role <> 'customer'`,
      [ids],
    )) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }

  /** Staff members' names by id (message authors, assignees); customers' are never among them. */
  /** Active staff by name: the few who may own a ticket (never a scan of every contact). */
  activeStaff(): Promise<Array<{ id: string; name: string }>> {
    return this.dataSource.manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.name'])
      .where("u.role <> 'customer'")
      .andWhere('u.active')
      .orderBy('u.name', 'ASC')
      .getMany();
  }

  async staffNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.name'])
      .where('u.id IN (:...ids)', { ids: [...new Set(ids)] })
      .andWhere("u.role <> 'customer'")
      .getMany();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Names of the users and organizations with these ids that the viewer may see (a page that lists them by id, such as the audit log). */
  async namesOf(viewer: Principal, ids: readonly string[]): Promise<Map<string, string>> {
    // Audit targets are not all users (a calendar's id, an address): only ids shaped as theirs are looked up.
    const unique = [...new Set(ids)].filter(isUuid);
    if (unique.length === 0) return new Map();
    const [users, organizations] = await Promise.all([
      this.scopedUsers(viewer, this.dataSource.manager)
        .select(['u.id', 'u.name'])
        .andWhere('u.id IN (:...unique)', { unique })
        .getMany(),
      this.scopedOrganizations(viewer, this.dataSource.manager)
        .select(['o.id', 'o.name'])
        .andWhere('o.id IN (:...unique)', { unique })
        .getMany(),
    ]);
    return new Map([...users, ...organizations].map((row) => [row.id, row.name]));
  }

  /** Whether a user of this organization may sign in (none: staff, who belong to none). */
  async organizationActive(organizationId: string | null, transaction?: Transaction): Promise<boolean> {
    if (organizationId === null) return true;
    const manager = runnerOf(transaction, this.dataSource);
    return (await manager.findOneBy(OrganizationEntity, { id: organizationId }))?.active ?? false;
  }

  /** Any user by id, unscoped: for the sign-in's second step, which has no viewer yet. */
  userById(id: string): Promise<UserEntity | null> {
    return this.dataSource.manager.findOneBy(UserEntity, { id });
  }

  userByEmail(email: string, transaction?: Transaction) {
    return runnerOf(transaction, this.dataSource)
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  organizationByCode(code: string, transaction: Transaction) {
    return managerOf(transaction)
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .where('lower(o.code) = lower(:code)', { code })
      .getOne();
  }

  async countUsers(transaction?: Transaction): Promise<number> {
    return runnerOf(transaction, this.dataSource).getRepository(UserEntity).count();
  }

  /**
   * Holds, for the rest of the caller's transaction, the lock that makes "no user exists yet, so
   * create the first" one step however many processes start at once.
   */
  async lockFirstUser(transaction: Transaction): Promise<void> {
    await managerOf(transaction).query('SELECT pg_advisory_xact_lock($1)', [FIRST_USER_LOCK]);
  }

  /** The organization, locked for the rest of the caller's transaction (any organization: admins only). */
  organizationForUpdate(transaction: Transaction, id: string): Promise<OrganizationEntity | null> {
    return managerOf(transaction).findOne(OrganizationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Whether an active organization has this id. */
  async isActiveOrganization(transaction: Transaction, id: string): Promise<boolean> {
    return managerOf(transaction).existsBy(OrganizationEntity, { id, active: true });
  }

  /** Adds the organization; it as stored. */
  async insertOrganization(
    transaction: Transaction,
    organization: OrganizationFields & { id: string },
  ): Promise<OrganizationEntity> {
    const manager = managerOf(transaction);
    await manager.insert(OrganizationEntity, organization);
    return manager.findOneByOrFail(OrganizationEntity, { id: organization.id });
  }

  /** Changes the organization; it as stored. */
  async updateOrganization(
    transaction: Transaction,
    id: string,
    fields: OrganizationFields,
  ): Promise<OrganizationEntity> {
    const manager = managerOf(transaction);
    await manager.update(OrganizationEntity, { id }, { ...fields, updatedAt: new Date() });
    return manager.findOneByOrFail(OrganizationEntity, { id });
  }

  /** The user, locked for the rest of the caller's transaction (any user: admins only). */
  userForUpdate(transaction: Transaction, id: string): Promise<UserEntity | null> {
    return managerOf(transaction).findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Adds the user; it as stored. */
  async insertUser(
    transaction: Transaction,
    user: UserFields & { id: string; email: string; passwordHash: string | null },
  ): Promise<UserEntity> {
    const manager = managerOf(transaction);
    await manager.insert(UserEntity, user);
    return manager.findOneByOrFail(UserEntity, { id: user.id });
  }

  /** An organization's name, whoever looks (a mail to one of its contacts names it). */
  async organizationName(transaction: Transaction, id: string): Promise<string | null> {
    return (await managerOf(transaction).findOneBy(OrganizationEntity, { id }))?.name ?? null;
  }

  async setPassword(transaction: Transaction, id: string, passwordHash: string): Promise<void> {
    await managerOf(transaction).update(UserEntity, { id }, { passwordHash, updatedAt: new Date() });
  }

  /** Changes the user; it as stored. */
  async updateUser(transaction: Transaction, id: string, fields: UserFields): Promise<UserEntity> {
    const manager = managerOf(transaction);
    await manager.update(UserEntity, { id }, { ...fields, updatedAt: new Date() });
    return manager.findOneByOrFail(UserEntity, { id });
  }

  private scopedOrganizations(viewer: Principal, manager: EntityManager): SelectQueryBuilder<OrganizationEntity> {
    const query = manager.getRepository(OrganizationEntity).createQueryBuilder('o').where('true');
    if (viewer.role === 'customer') query.andWhere('o.id = :own', { own: viewer.organizationId });
    return query;
  }

  private scopedUsers(viewer: Principal, manager: EntityManager): SelectQueryBuilder<UserEntity> {
    const query = manager.getRepository(UserEntity).createQueryBuilder('u').where('true');
    if (viewer.role === 'customer') query.andWhere('u.organizationId = :own', { own: viewer.organizationId });
    return query;
  }
}
