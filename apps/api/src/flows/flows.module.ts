import { Module } from '@nestjs/common';
import { ReadSideModule } from '../read-side/read-side.module';
import { FlowsController } from './flows.controller';

/** `GET /v1/flows`. */
@Module({ imports: [ReadSideModule], controllers: [FlowsController] })
export class FlowsModule {}
