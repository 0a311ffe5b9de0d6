import { Module } from '@nestjs/common';
import { CoreModule } from '@tm/app-core';

/** The HTTP API: analysts' commands in, read models and alerts out. */
@Module({
  imports: [CoreModule.forApp('api')],
})
export class ApiModule {}
