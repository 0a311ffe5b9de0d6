import { Module } from '@nestjs/common';
import { EntityDecisionHandler } from './entity-decision.handler';

/** Analysts' entity decisions (merge, split): the command handler of the `entity-decisions` stream. */
@Module({ providers: [EntityDecisionHandler] })
export class EntitiesModule {}
