import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CoreModule } from '@tm/app-core';
import { KafkaConsumerModule } from '@tm/messaging';
import { CommandMessageHandler } from './commands/command-message.handler';
import { EntitiesModule } from './entities/entities.module';
import { ReportsModule } from './reports/reports.module';
import { SanctionsModule } from './sanctions/sanctions.module';

/** Runs report commands from the commands topic against aggregates and appends the resulting events to the event store. */
@Module({
  imports: [
    CoreModule.forApp('processor'),
    CqrsModule.forRoot(),
    SanctionsModule,
    EntitiesModule,
    KafkaConsumerModule.register({
      group: 'processor',
      topic: 'commands',
      deadLetterTopic: 'commandsDeadLetter',
      handler: CommandMessageHandler,
      batchSize: (env) => env.PROCESSOR_BATCH_SIZE,
      imports: [ReportsModule],
    }),
  ],
})
export class ProcessorModule {}
