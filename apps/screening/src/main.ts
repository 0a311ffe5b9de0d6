import { runApp } from '@tm/app-core';
import { ScreeningModule } from './screening.module';

runApp({ name: 'screening', module: ScreeningModule, port: (env) => env.SCREENING_PORT });
