import { Module } from '@nestjs/common';
import { KAFKA_PRODUCER } from '@tm/messaging';
import { CommandGateway, COMMAND_PRODUCER } from '../commands/command-gateway.service';
import { SanctionsListsController } from './sanctions.controller';

/** `/v1/sanctions-lists`: list imports (commands) and the versions in force. */
@Module({
  controllers: [SanctionsListsController],
  providers: [CommandGateway, { provide: COMMAND_PRODUCER, useExisting: KAFKA_PRODUCER }],
})
export class SanctionsListsModule {}
