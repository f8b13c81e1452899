import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuditService } from '@madoguchi/audit';
import { DomainError, type RequestContext } from '@madoguchi/common';

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
