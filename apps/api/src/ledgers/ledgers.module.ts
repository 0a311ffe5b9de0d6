import { Module } from '@nestjs/common';
import { ReadSideModule } from '../read-side/read-side.module';
import { LedgersController } from './ledgers.controller';
import { LedgersService } from './ledgers.service';

/** `GET /v1/ledgers/:country`, `GET /v1/ledgers/:supplier/:recipient`. */
@Module({ imports: [ReadSideModule], controllers: [LedgersController], providers: [LedgersService] })
export class LedgersModule {}
