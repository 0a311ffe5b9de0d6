import { Module } from '@nestjs/common';
import { AlertGroupsController } from './alert-groups.controller';

/** `GET /v1/alert-groups`. */
@Module({ controllers: [AlertGroupsController] })
export class AlertGroupsModule {}
