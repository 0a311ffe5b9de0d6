import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { rootLogger } from '@tm/platform';
import { RebuildService } from '@tm/read-models';
import { ProjectionsAdminController } from './projections-admin.controller';

/** `GET /v1/admin/projections/:name`, `POST /v1/admin/projections/:name/rebuild`. */
@Module({
  controllers: [ProjectionsAdminController],
  providers: [
    {
      provide: RebuildService,
      inject: [PG_POOL],
      useFactory: (pool: Pool) => new RebuildService(pool, rootLogger({ component: 'projection-rebuild' })),
    },
  ],
})
export class AdminModule {}
