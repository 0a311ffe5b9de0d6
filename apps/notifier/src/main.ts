import { runApp } from '@tm/app-core';
import { NotifierModule } from './notifier.module';

runApp({ name: 'notifier', module: NotifierModule, port: (env) => env.NOTIFIER_PORT });
