import { Module } from '@nestjs/common';
import { ReadSideModule } from '../read-side/read-side.module';
import { ReportViewsController } from './report-views.controller';

/** `GET /v1/reports`, `GET /v1/reports/:id` (the POST routes under `/v1/reports` are the write side's). */
@Module({ imports: [ReadSideModule], controllers: [ReportViewsController] })
export class ReportViewsModule {}
