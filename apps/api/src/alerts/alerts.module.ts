import { Module } from '@nestjs/common';
import { MESSAGE_PUBLISHER } from '@tm/messaging';
import { CommandGateway, COMMAND_PUBLISHER } from '../commands/command-gateway.service';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

/** `/v1/alerts`: alerts and their review. */
@Module({
  controllers: [AlertsController],
  providers: [AlertsService, CommandGateway, { provide: COMMAND_PUBLISHER, useExisting: MESSAGE_PUBLISHER }],
})
export class AlertsModule {}
