import { runApp } from '@tm/app-core';
import { API_KAFKA_STARTUP, ApiModule } from './api.module';
import { configureHttpApi } from './http-setup';

runApp({ name: 'api', module: ApiModule, kafka: API_KAFKA_STARTUP, port: (env) => env.API_PORT, configure: configureHttpApi });
