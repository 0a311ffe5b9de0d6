import { Module } from '@nestjs/common';
import { MESSAGE_PUBLISHER } from '@tm/messaging';
import { CommandGateway, COMMAND_PUBLISHER } from '../commands/command-gateway.service';
import { ReadSideModule } from '../read-side/read-side.module';
import { EntitiesController } from './entities.controller';
import { EntityResolver } from './entity-resolver.service';

/** `GET /v1/entities?q=`, `GET /v1/entities/:id` (entity resolution) and the analysts' `POST /v1/entities/merge|split`. */
@Module({
  imports: [ReadSideModule],
  controllers: [EntitiesController],
  providers: [EntityResolver, CommandGateway, { provide: COMMAND_PUBLISHER, useExisting: MESSAGE_PUBLISHER }],
})
export class EntitiesModule {}
