import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditService } from '@madoguchi/audit';
import { type RequestContext } from '@madoguchi/common';
import { type Transaction, UnitOfWork } from '@madoguchi/database';

import { optionalText } from '../domain/bilingual';
import { serviceNameTaken, serviceNotFound, unknownServices } from '../domain/notices.errors';
import type { ServiceEntity } from '../infrastructure/service.entity';
import { ServiceRepository } from '../infrastructure/service.repository';

/** The services (components) customers use; incidents and maintenance name the ones they affect. */
@Injectable()
export class ServiceCatalogService {
  constructor(
    private readonly services: ServiceRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<ServiceEntity[]> {
    return this.services.list();
  }

  /** The named services, each once; a 400 field error on `serviceIds` when one does not exist. */
  async named(transaction: Transaction, serviceIds: string[]): Promise<ServiceEntity[]> {
    const services = await this.services.withIds(transaction, serviceIds);
    if (services.length !== new Set(serviceIds).size) throw unknownServices();
    return services;
  }

  async create(context: RequestContext, name: string, nameEn?: string | null): Promise<ServiceEntity> {
    return this.unitOfWork.run(async (transaction) => {
      if (await this.services.nameTaken(transaction, name)) throw serviceNameTaken(name);
      const id = randomUUID();
      const service = await this.services.insert(transaction, { id, name, nameEn: optionalText(nameEn) });
      await this.audit.record(transaction, context, {
        action: 'service.create',
        targetType: 'service',
        targetId: id,
        summary: { name, nameEn: service.nameEn },
      });
      return service;
    });
  }

  /** Renames a service, in either language (`nameEn: null` removes the English name). */
  async rename(
    context: RequestContext,
    id: string,
    change: { name?: string; nameEn?: string | null },
  ): Promise<ServiceEntity> {
    return this.unitOfWork.run(async (transaction) => {
      const before = await this.services.lockForChange(transaction, id);
      if (!before) throw serviceNotFound(id);
      const names = {
        name: change.name ?? before.name,
        nameEn: change.nameEn === undefined ? before.nameEn : optionalText(change.nameEn),
      };
      if (names.name !== before.name && (await this.services.nameTaken(transaction, names.name))) {
        throw serviceNameTaken(names.name);
      }
      const service = await this.services.rename(transaction, id, names);
      await this.audit.record(transaction, context, {
        action: 'service.rename',
        targetType: 'service',
        targetId: id,
        summary: { from: { name: before.name, nameEn: before.nameEn }, to: names },
      });
      return service;
    });
  }
}
