import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';
import { ReportsModule } from './reports/reports.module';

/** The HTTP API: analysts' commands in, read models and alerts out. */
@Module({
  imports: [CoreModule.forApp('api'), ReportsModule],
})
export class ApiModule {}
