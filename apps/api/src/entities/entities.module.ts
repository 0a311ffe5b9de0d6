import { Module } from '@nestjs/common';
import { ReadSideModule } from '../read-side/read-side.module';
import { EntitiesController } from './entities.controller';

/** `GET /v1/entities?q=`. */
@Module({ imports: [ReadSideModule], controllers: [EntitiesController] })
export class EntitiesModule {}
