import { Module } from '@nestjs/common';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

/** `/v1/webhooks/subscriptions`: alert webhook subscriptions, their deliveries and redelivery. */
@Module({
  controllers: [SubscriptionsController],
  providers: [SubscriptionsService],
})
export class WebhooksModule {}
