import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';

/** Screens reports against the sanctions lists and raises alerts. */
@Module({
  imports: [CoreModule.forApp('screening')],
})
export class ScreeningModule {}
