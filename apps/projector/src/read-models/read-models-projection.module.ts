import { Module } from '@nestjs/common';
import { ReadModelsProjector } from './read-models.projector';

/** The read-models projection: ledgers, timelines, report views and the entity directory. */
@Module({ providers: [ReadModelsProjector] })
export class ReadModelsProjectionModule {}
