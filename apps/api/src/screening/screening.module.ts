import { Module } from '@nestjs/common';
import { ApiScreeningIndex } from './api-screening-index.service';
import { ScreeningController } from './screening.controller';

/** `POST /v1/screening`: ad-hoc name checks. */
@Module({
  controllers: [ScreeningController],
  providers: [ApiScreeningIndex],
})
export class AdHocScreeningModule {}
