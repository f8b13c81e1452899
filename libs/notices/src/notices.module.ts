import { Global, Module } from '@nestjs/common';

import { Maintenances } from './application/maintenances';
import { Services } from './application/services';

@Global()
@Module({ providers: [Services, Maintenances], exports: [Services, Maintenances] })
export class NoticesModule {}
