import { runApp } from '@tm/app-core';
import { OutboxRelayModule } from './outbox-relay.module';

runApp({ name: 'outbox-relay', module: OutboxRelayModule, port: (env) => env.RELAY_PORT });
