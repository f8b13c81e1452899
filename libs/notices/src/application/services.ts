import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { DomainError, type RequestContext, ValidationFailedError } from '@madoguchi/common';

import { ServiceEntity } from '../infrastructure/service.entity';

/** The services (components) customers use; incidents and maintenance name the ones they affect. */
@Injectable()
export class Services {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<ServiceEntity[]> {
    return this.dataSource.getRepository(ServiceEntity).find({ order: { name: 'ASC' } });
  }

  /** The named services, each once; a 400 field error on `serviceIds` when one does not exist. */
  async named(manager: EntityManager, serviceIds: string[]): Promise<ServiceEntity[]> {
    const services = await manager.findBy(ServiceEntity, { id: In(serviceIds) });
    if (services.length !== new Set(serviceIds).size)
      throw new ValidationFailedError([{ field: 'serviceIds', messages: ['every service id must name a service'] }]);
    return services;
  }

  async create(context: RequestContext, name: string): Promise<ServiceEntity> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(ServiceEntity, { name }))
        throw new DomainError('service.name-taken', `A service named ${name} exists.`, 'conflict');
      const id = randomUUID();
      await manager.insert(ServiceEntity, { id, name });
      await this.audit.record(manager, context, {
        action: 'service.create',
        targetType: 'service',
        targetId: id,
        summary: { name },
      });
      return manager.findOneByOrFail(ServiceEntity, { id });
    });
  }
}
