import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';

import type { Principal } from '@madoguchi/common';

import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

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

  organization(viewer: Principal, id: string, manager: EntityManager = this.dataSource.manager) {
    return this.scopedOrganizations(viewer, manager).andWhere('o.id = :id', { id }).getOne();
  }

  users(viewer: Principal): Promise<UserEntity[]> {
    return this.scopedUsers(viewer, this.dataSource.manager).orderBy('u.createdAt', 'ASC').getMany();
  }

  user(viewer: Principal, id: string, manager: EntityManager = this.dataSource.manager) {
    return this.scopedUsers(viewer, manager).andWhere('u.id = :id', { id }).getOne();
  }

  userByEmail(email: string, manager: EntityManager = this.dataSource.manager) {
    return manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  organizationByCode(code: string, manager: EntityManager) {
    return manager
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .where('lower(o.code) = lower(:code)', { code })
      .getOne();
  }

  async countUsers(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.getRepository(UserEntity).count();
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
