import { Module } from '@nestjs/common';
import { ReadSideModule } from '../read-side/read-side.module';
import { AlertExportsController, LedgerExportsController } from './exports.controller';

/** `GET /v1/exports/ledger`, `GET /v1/exports/alerts`. */
@Module({ imports: [ReadSideModule], controllers: [LedgerExportsController, AlertExportsController] })
export class ExportsModule {}
