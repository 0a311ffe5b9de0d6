import { Module } from '@nestjs/common';
import { ListEntriesController } from './list-entries.controller';

/** `GET /v1/sanctions-lists/:listId/entries`, `GET /v1/sanctions-lists/:listId/entries/:entryId`. */
@Module({ controllers: [ListEntriesController] })
export class ListEntriesModule {}
