import { runApp } from '@tm/app-core';
import { ProjectorModule } from './projector.module';

runApp({ name: 'projector', module: ProjectorModule, port: (env) => env.PROJECTOR_PORT });
