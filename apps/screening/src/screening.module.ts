import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';
import { KafkaConsumerModule } from '@tm/messaging';
import { AlertWriter } from './screening/alert-writer.service';
import { ChplSurgeService } from './screening/chpl-surge.service';
import { DiversionService } from './screening/diversion.service';
import { IndexHolder } from './screening/index-holder.service';
import { ScreeningHandler } from './screening/screening.handler';

/** Screens reports against the sanctions lists and raises alerts (events topic in, alert events out). */
@Module({
  imports: [
    CoreModule.forApp('screening'),
    KafkaConsumerModule.register({
      group: 'screening',
      topic: 'events',
      deadLetterTopic: 'eventsDeadLetter',
      handler: ScreeningHandler,
      providers: [IndexHolder, AlertWriter, ChplSurgeService, DiversionService],
    }),
  ],
})
export class ScreeningModule {}
