import { Global, Module } from '@nestjs/common';

import { Maintenances } from './application/maintenances';
import { ServiceChanges } from './application/service-changes';
import { Services } from './application/services';

@Global()
@Module({
  providers: [Services, Maintenances, ServiceChanges],
  exports: [Services, Maintenances, ServiceChanges],
})
export class NoticesModule {}
