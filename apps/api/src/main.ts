import { runApp } from '@tm/app-core';
import { ApiModule } from './api.module';
import { configureHttpApi } from './http-setup';

runApp({ name: 'api', module: ApiModule, port: (env) => env.API_PORT, configure: configureHttpApi });
