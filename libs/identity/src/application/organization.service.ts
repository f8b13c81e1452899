import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { isStaff, isUuid, type Principal, type RequestContext } from '@madoguchi/common';
import { UnitOfWork } from '@madoguchi/database';

import { organizationCodeTaken, organizationNotFound } from '../domain/identity.errors';
import { AccessTokenRepository } from '../infrastructure/access-token.repository';
import { DirectoryRepository } from '../infrastructure/directory.repository';
import type { OrganizationEntity } from '../infrastructure/organization.entity';

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
export class OrganizationService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly directory: DirectoryRepository,
    private readonly audit: AuditService,
    private readonly tokens: AccessTokenRepository,
  ) {}

  /** The organizations the viewer may see: all for staff (inactive ones for admins too), their own for a customer. */
  list(viewer: Principal): Promise<OrganizationEntity[]> {
    return this.directory.organizations(viewer, { includeInactive: viewer.role === 'admin' });
  }

  /** Staff finding an organization by its id, its code or part of its name: at most `limit`, best first. */
  async search(
    viewer: Principal,
    text: string,
    limit: number,
  ): Promise<Array<{ id: string; name: string; code: string | null }>> {
    if (!isStaff(viewer.role)) return [];
    const typed = text.trim();
    if (isUuid(typed)) {
      const found = await this.directory.organization(viewer, typed);
      return found?.active ? [{ id: found.id, name: found.name, code: found.code }] : [];
    }
    return this.directory.searchOrganizations(typed, limit);
  }

  /** One organization the viewer may see (404 for another organization's contact). */
  async get(viewer: Principal, id: string): Promise<OrganizationEntity> {
    const organization = await this.directory.organization(viewer, id);
    if (!organization) throw organizationNotFound(id);
    return organization;
  }

  create(context: RequestContext, input: OrganizationInput): Promise<OrganizationEntity> {
    return this.unitOfWork.run(async (transaction) => {
      const code = input.code?.trim() || null;
      if (code && (await this.directory.organizationByCode(code, transaction))) throw organizationCodeTaken(code);
      const saved = await this.directory.insertOrganization(transaction, {
        id: randomUUID(),
        name: input.name.trim(),
        code,
        active: true,
      });
      await this.audit.record(transaction, context, {
        action: 'organization.create',
        targetType: 'organization',
        targetId: saved.id,
        summary: { after: snapshot(saved) },
      });
      return saved;
    });
  }

  update(context: RequestContext, id: string, changes: OrganizationChanges): Promise<OrganizationEntity> {
    return this.unitOfWork.run(async (transaction) => {
      const current = await this.directory.organizationForUpdate(transaction, id);
      if (!current) throw organizationNotFound(id);
      const code = changes.code === undefined ? current.code : changes.code?.trim() || null;
      if (
        code &&
        code.toLowerCase() !== current.code?.toLowerCase() &&
        (await this.directory.organizationByCode(code, transaction))
      ) {
        throw organizationCodeTaken(code);
      }
      const next = { name: changes.name?.trim() ?? current.name, code, active: changes.active ?? current.active };
      const saved = await this.directory.updateOrganization(transaction, id, next);
      // Its contacts sign in no more: what they hold ends now (their data stays).
      if (changes.active === false && current.active) await this.tokens.revokeAllOfOrganization(transaction, id);
      await this.audit.record(transaction, context, {
        action: changes.active === false && current.active ? 'organization.deactivate' : 'organization.update',
        targetType: 'organization',
        targetId: id,
        summary: { before: snapshot(current), after: snapshot(saved) },
      });
      return saved;
    });
  }
}
