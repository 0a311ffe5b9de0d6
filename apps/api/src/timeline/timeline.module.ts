import { Module } from '@nestjs/common';
import { ReadSideModule } from '../read-side/read-side.module';
import { TimelineController } from './timeline.controller';

/** `GET /v1/timeline/:country`. */
@Module({ imports: [ReadSideModule], controllers: [TimelineController] })
export class TimelineModule {}
