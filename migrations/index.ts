import { EventStore1764400000000 } from './1764400000000-event-store';
import { AcceptedCommands1764400200000 } from './1764400200000-accepted-commands';
import { EventAppendNotification1764400100000 } from './1764400100000-event-append-notification';
import { ReadModels1764500000000 } from './1764500000000-read-models';
import { Webhooks1764700000000 } from './1764700000000-webhooks';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const allMigrations = [EventStore1764400000000, EventAppendNotification1764400100000, AcceptedCommands1764400200000, ReadModels1764500000000, Webhooks1764700000000];
