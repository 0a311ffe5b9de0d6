import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';

/** Delivers alerts to webhook subscribers: signed, retried, logged. */
@Module({
  imports: [CoreModule.forApp('notifier')],
})
export class NotifierModule {}
