import { Module } from '@nestjs/common';
import { ProjectionMetrics } from './projection-metrics';
import { KafkaConsumerModule } from '@tm/messaging';
import { READ_MODELS_GROUP, ReadModelsHandler } from './read-models.handler';

/** The read-models projection (ledgers, timelines, report views and the entity directory), fed by the events topic. */
@Module({
  imports: [
    KafkaConsumerModule.register({
      group: READ_MODELS_GROUP,
      topic: 'events',
      deadLetterTopic: 'eventsDeadLetter',
      handler: ReadModelsHandler,
      batchSize: (env) => env.PROJECTOR_BATCH_SIZE,
    }),
  ],
  providers: [ProjectionMetrics],
})
export class ReadModelsProjectionModule {}
