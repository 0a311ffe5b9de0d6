import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';
import { DeliveryDispatcher } from './dispatch/delivery-dispatcher.service';
import { AlertDeliveriesProjection } from './projection/alert-deliveries.projection';

/**
 * Delivers alerts to webhook subscribers: the projection records a message and its deliveries for every alert
 * event (one transaction with its checkpoint); the dispatcher claims due deliveries and sends them signed,
 * retried and logged.
 */
@Module({
  imports: [CoreModule.forApp('notifier')],
  providers: [DeliveryDispatcher, AlertDeliveriesProjection],
})
export class NotifierModule {}
