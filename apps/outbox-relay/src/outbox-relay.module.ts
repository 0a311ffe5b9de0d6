import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';
import { OutboxRelayService } from './outbox-relay.service';

/** Publishes stored events, in global order, from the event store to the events topic (the transactional outbox). */
@Module({
  imports: [CoreModule.forApp('outbox-relay')],
  providers: [OutboxRelayService],
})
export class OutboxRelayModule {}
