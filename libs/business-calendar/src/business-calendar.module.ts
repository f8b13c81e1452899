import { Global, Module } from '@nestjs/common';

import { CalendarService } from './application/calendar.service';
import { BusinessCalendarRepository } from './infrastructure/business-calendar.repository';

@Global()
@Module({ providers: [BusinessCalendarRepository, CalendarService], exports: [CalendarService] })
export class BusinessCalendarModule {}
