import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';

/** Runs report commands from the commands topic against aggregates and appends the resulting events to the event store. */
@Module({
  imports: [CoreModule.forApp('processor')],
})
export class ProcessorModule {}
