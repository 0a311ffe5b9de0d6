import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';
import { AlertWriter } from './screening/alert-writer.service';
import { IndexHolder } from './screening/index-holder.service';
import { ScreeningConsumer } from './screening/screening-consumer.service';

/** Screens reports against the sanctions lists and raises alerts (events topic in, alert events out). */
@Module({
  imports: [CoreModule.forApp('screening')],
  providers: [IndexHolder, AlertWriter, ScreeningConsumer],
})
export class ScreeningModule {}
