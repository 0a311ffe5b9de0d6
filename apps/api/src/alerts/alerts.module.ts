import { Module } from '@nestjs/common';
import { KAFKA_PRODUCER } from '@tm/messaging';
import { CommandGateway, COMMAND_PRODUCER } from '../commands/command-gateway.service';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

/** `/v1/alerts`: alerts and their review. */
@Module({
  controllers: [AlertsController],
  providers: [AlertsService, CommandGateway, { provide: COMMAND_PRODUCER, useExisting: KAFKA_PRODUCER }],
})
export class AlertsModule {}
