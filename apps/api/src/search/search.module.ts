import { Module } from '@nestjs/common';
import { ReadSideModule } from '../read-side/read-side.module';
import { SearchController } from './search.controller';

/** `GET /v1/search`. */
@Module({ imports: [ReadSideModule], controllers: [SearchController] })
export class SearchModule {}
