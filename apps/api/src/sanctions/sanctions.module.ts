import { Module } from '@nestjs/common';
import { MESSAGE_PUBLISHER } from '@tm/messaging';
import { CommandGateway, COMMAND_PUBLISHER } from '../commands/command-gateway.service';
import { SanctionsListsController } from './sanctions.controller';

/** `/v1/sanctions-lists`: list imports (commands) and the versions in force. */
@Module({
  controllers: [SanctionsListsController],
  providers: [CommandGateway, { provide: COMMAND_PUBLISHER, useExisting: MESSAGE_PUBLISHER }],
})
export class SanctionsListsModule {}
