import { Global, Module } from '@nestjs/common';
import { loadEnvironment } from './environment';

/** Injection token of the validated {@link Environment}. */
export const ENVIRONMENT = Symbol('ENVIRONMENT');

@Global()
@Module({
  providers: [{ provide: ENVIRONMENT, useFactory: () => loadEnvironment() }],
  exports: [ENVIRONMENT],
})
export class ConfigModule {}
