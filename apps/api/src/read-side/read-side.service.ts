import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { activeProjectionVersion, hasApplied, projectionPosition } from '@tm/read-models';

/** The parts of Express' request and response the polling headers use. */
export interface PolledRequest {
  headers: Record<string, string | string[] | undefined>;
}
export interface PolledResponse {
  setHeader(name: string, value: string): unknown;
  status(code: number): unknown;
}

/** Longest wait for `?minPosition=N` before answering with what there is. */
export const MAX_CONSISTENCY_WAIT_MS = 5_000;
const POLL_MS = 25;

/** Which projection version answers a request, how far it has applied, and whether it reached `minPosition`. */
export interface ReadContext {
  schema: string;
  version: number;
  /** Highest global position the version has applied. */
  position: number;
  /** False when `minPosition` was asked for and not reached within {@link MAX_CONSISTENCY_WAIT_MS}. */
  caughtUp: boolean;
}

/**
 * What every read endpoint shares: the active projection version, read-your-own-writes (`?minPosition=N` waits until
 * the projection has applied the event at global position N: its stream's stored version reaches that event's),
 * and polling headers (`ETag` over the body, 304 on `If-None-Match`, `Cache-Control: no-cache`,
 * `X-Projection-Position`, `X-Projection-Version`, `X-Projection-Caught-Up`).
 */
@Injectable()
export class ReadSideService {
  constructor(@Inject(PG_POOL) readonly pool: Pool) {}

  async context(minPosition?: number): Promise<ReadContext> {
    let caughtUp = true;
    if (minPosition !== undefined) caughtUp = await this.waitFor(minPosition);
    const active = await activeProjectionVersion(this.pool);
    const { globalPosition } = await projectionPosition(this.pool, active.schemaName);
    return { schema: active.schemaName, version: active.version, position: globalPosition, caughtUp };
  }

  private async waitFor(minPosition: number): Promise<boolean> {
    const deadline = Date.now() + MAX_CONSISTENCY_WAIT_MS;
    for (;;) {
      if (await hasApplied(this.pool, minPosition)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /**
   * Sets the polling headers and answers 304 (no body) when the client's `If-None-Match` holds the body's ETag.
   * @returns the body to send, or undefined for a 304.
   */
  reply<T>(request: PolledRequest, response: PolledResponse, body: T, context: ReadContext, minPositionAsked: boolean): T | undefined {
    const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('X-Projection-Position', String(context.position));
    response.setHeader('X-Projection-Version', String(context.version));
    if (minPositionAsked) response.setHeader('X-Projection-Caught-Up', String(context.caughtUp));
    const header = request.headers['if-none-match'];
    const asked = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (asked.includes(etag) || asked.includes('*')) {
      response.status(304);
      return undefined;
    }
    return body;
  }
}
