import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';

/** Publishes stored events, in global order, from the event store to the events topic (the transactional outbox). */
@Module({
  imports: [CoreModule.forApp('outbox-relay')],
})
export class OutboxRelayModule {}
