import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';

/** Keeps the read models (ledgers, timelines, report and entity views) from the events topic. */
@Module({
  imports: [CoreModule.forApp('projector')],
})
export class ProjectorModule {}
