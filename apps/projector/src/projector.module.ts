import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';
import { ReadModelsProjectionModule } from './read-models/read-models-projection.module';

/** Keeps the read models (ledgers, timelines, report and entity views) from the events topic. */
@Module({
  imports: [CoreModule.forApp('projector'), ReadModelsProjectionModule],
})
export class ProjectorModule {}
