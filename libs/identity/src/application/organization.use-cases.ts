import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import type { RequestContext } from '@madoguchi/common';

import { notFound, organizationCodeTaken } from '../domain/identity.errors';
import { DirectoryRepository } from '../infrastructure/directory.repository';
import { OrganizationEntity } from '../infrastructure/organization.entity';

export interface OrganizationInput {
  name: string;
  code?: string | null;
}

export interface OrganizationChanges {
  name?: string;
  code?: string | null;
  active?: boolean;
}

const snapshot = (o: OrganizationEntity) => ({ name: o.name, code: o.code, active: o.active });

/** Creating and editing customer organizations (admins). Each change and its audit entry commit together. */
@Injectable()
export class OrganizationUseCases {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryRepository,
    private readonly audit: AuditService,
  ) {}

  create(context: RequestContext, input: OrganizationInput): Promise<OrganizationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const code = input.code?.trim() || null;
      if (code && (await this.directory.organizationByCode(code, manager))) throw organizationCodeTaken(code);
      const organization = manager.create(OrganizationEntity, {
        id: randomUUID(),
        name: input.name.trim(),
        code,
        active: true,
      });
      await manager.insert(OrganizationEntity, organization);
      const saved = await manager.findOneByOrFail(OrganizationEntity, { id: organization.id });
      await this.audit.record(manager, context, {
        action: 'organization.create',
        targetType: 'organization',
        targetId: saved.id,
        summary: { after: snapshot(saved) },
      });
      return saved;
    });
  }

  update(context: RequestContext, id: string, changes: OrganizationChanges): Promise<OrganizationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(OrganizationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound('organization', id);
      const code = changes.code === undefined ? current.code : changes.code?.trim() || null;
      if (
        code &&
        code.toLowerCase() !== current.code?.toLowerCase() &&
        (await this.directory.organizationByCode(code, manager))
      ) {
        throw organizationCodeTaken(code);
      }
      const next = { name: changes.name?.trim() ?? current.name, code, active: changes.active ?? current.active };
      await manager.update(OrganizationEntity, { id }, { ...next, updatedAt: new Date() });
      const saved = await manager.findOneByOrFail(OrganizationEntity, { id });
      await this.audit.record(manager, context, {
        action: changes.active === false && current.active ? 'organization.deactivate' : 'organization.update',
        targetType: 'organization',
        targetId: id,
        summary: { before: snapshot(current), after: snapshot(saved) },
      });
      return saved;
    });
  }
}
