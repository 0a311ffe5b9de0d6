import { Module } from '@nestjs/common';
import { ApiScreeningIndex } from './api-screening-index.service';
import { ScreeningController } from './screening.controller';

/** `POST /v1/screening`: ad-hoc name checks. */
@Module({
  controllers: [ScreeningController],
  providers: [ApiScreeningIndex],
  // The entity page screens an entity's names with the same index (one copy of the lists in memory).
  exports: [ApiScreeningIndex],
})
export class AdHocScreeningModule {}
