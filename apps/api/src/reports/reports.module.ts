import { Module } from '@nestjs/common';
import { MESSAGE_PUBLISHER } from '@tm/messaging';
import { CommandGateway, COMMAND_PUBLISHER } from '../commands/command-gateway.service';
import { CommandsController } from '../commands/commands.controller';
import { ReportsController } from './reports.controller';

/** The write side of the API: report commands in (`/v1/reports…`), their status out (`/v1/commands/:id`). */
@Module({
  controllers: [ReportsController, CommandsController],
  providers: [CommandGateway, { provide: COMMAND_PUBLISHER, useExisting: MESSAGE_PUBLISHER }],
})
export class ReportsModule {}
