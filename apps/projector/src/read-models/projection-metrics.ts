import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { headPosition } from '@tm/event-store';
import { Metrics } from '@tm/platform';
import { listProjectionVersions, projectionPosition, READ_MODELS_PROJECTION } from '@tm/read-models';

/**
 * The read-models projection's metrics, read from PostgreSQL when scraped, for the active version and any version a
 * rebuild is filling: its global position, its lag behind the event store's head, and the events a rebuild has read
 * (its progress; `GET /v1/admin/projections/read-models` gives the same figures).
 */
@Injectable()
export class ProjectionMetrics {
  constructor(@Inject(PG_POOL) pool: Pool, metrics: Metrics) {
    const labelNames = ['projection', 'version', 'status'] as const;
    const read = async () => {
      const versions = (await listProjectionVersions(pool, READ_MODELS_PROJECTION)).filter(
        (v) => v.status === 'active' || v.status === 'building',
      );
      const [head, positions] = await Promise.all([
        headPosition(pool),
        Promise.all(versions.map((v) => projectionPosition(pool, v.schemaName))),
      ]);
      return versions.map((v, i) => ({
        labels: { projection: v.projection, version: String(v.version), status: v.status },
        position: positions[i].globalPosition,
        lag: Math.max(0, head - positions[i].globalPosition),
        eventsRead: v.eventsRead,
      }));
    };
    metrics.gauge({
      name: 'tm_projection_position',
      help: 'Highest global position the projection version has applied',
      labelNames,
      async collect() {
        this.reset();
        for (const r of await read()) this.set(r.labels, r.position);
      },
    });
    metrics.gauge({
      name: 'tm_projection_lag_positions',
      help: "Global positions between the event store's head and the projection version",
      labelNames,
      async collect() {
        this.reset();
        for (const r of await read()) this.set(r.labels, r.lag);
      },
    });
    metrics.gauge({
      name: 'tm_projection_rebuild_events_read',
      help: 'Events a rebuild of the projection version has read (its progress)',
      labelNames,
      async collect() {
        this.reset();
        for (const r of await read()) this.set(r.labels, r.eventsRead);
      },
    });
  }
}
