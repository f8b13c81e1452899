import { Global, Module } from '@nestjs/common';

import { CalendarService } from './application/calendar.service';

@Global()
@Module({ providers: [CalendarService], exports: [CalendarService] })
export class BusinessCalendarModule {}
