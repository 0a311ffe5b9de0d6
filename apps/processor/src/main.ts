import { runApp } from '@tm/app-core';
import { ProcessorModule } from './processor.module';

runApp({ name: 'processor', module: ProcessorModule, port: (env) => env.PROCESSOR_PORT });
