import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import {
  AlertCommands,
  EntityCommands,
  ReportCommands,
  SanctionsCommands,
  type AlertCommandType,
  type EntityCommandType,
  type ReportCommandType,
  type SanctionsCommandType,
} from '@tm/domain';
import { envelopeHeaders, KafkaConnection, TOPICS, type MessagePublisher, type OutboundMessage, type TopicNames } from '@tm/messaging';
import { Coalescer, ENVIRONMENT, type Environment } from '@tm/platform';
import { DependencyUnavailableException, RequestValidationException } from '../http/api-exceptions';

/** The {@link MessagePublisher} the API publishes commands with (the shared one; tests may point it elsewhere). */
export const COMMAND_PUBLISHER = Symbol('COMMAND_PUBLISHER');

/** Who sent the command and how to recognise a retry of it. */
export interface CommandRequest {
  type: ReportCommandType | SanctionsCommandType | AlertCommandType | EntityCommandType;
  /** The report id, or undefined for a new report (then a new id is made, or the one pinned by the idempotency key). */
  aggregateId?: string;
  /** Builds the payload from the command and aggregate ids (deterministic: a retry rebuilds the same command). */
  payload: (ids: { commandId: string; aggregateId: string }) => unknown;
  /** What makes two requests "the same": the route and the validated body. */
  fingerprint: unknown;
  actor: string;
  correlationId: string;
  idempotencyKey?: string;
}

/** A row `pin` offers to `accepted_commands`: its command id, the other columns in order, and the row if inserted. */
interface PinnedRow {
  commandId: string;
  values: [type: string, aggregateId: string, actor: string, correlationId: string, idempotencyKey: string | null, hash: string];
  inserted?: AcceptedRow;
}

interface AcceptedRow {
  command_id: string;
  aggregate_id: string;
  request_hash: string;
  published_at: Date | null;
}

/** SHA-256 of a value's canonical JSON (object keys sorted), so that key order does not make two bodies differ. */
export function fingerprintOf(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

/**
 * Accepts commands: pins the command id (per actor and `Idempotency-Key`) in `accepted_commands`, publishes the
 * command to the commands topic keyed by the aggregate id (`acks: -1`, envelope in headers), and marks it published.
 *
 * - Same key and same body → the same command id and aggregate id (re-published when an earlier try did not get
 *   the broker's ack; the processor's inbox makes a second delivery a no-op).
 * - Same key, different body → 422 `idempotencyKeyReused`.
 * - The broker not answering within `COMMAND_PUBLISH_TIMEOUT_MS` → 503 with `Retry-After` (never a 500); the
 *   command is then not reported as pending, and a retry with the same key publishes it again. A command still
 *   queued at the timeout is withdrawn (it is never published); one already in a produce request may still land,
 *   which the 503 says, and a retry with the same key is then applied once (the processor's inbox).
 * - The broker not connected yet (the API started without it and keeps connecting, {@link KafkaConnection}) → 503
 *   at once, `Retry-After` the seconds until the next connection attempt (at least 1); nothing is published, and
 *   the row stays as after a withdrawn publish: a retry with the same key publishes it.
 *
 * Concurrent requests share the INSERTs pinning their commands, produce requests and `published_at` updates
 * ({@link Coalescer}): the producer is idempotent, so it allows one request in flight, and one command per request
 * capped the API at one broker round trip per command (the ingest and alert-latency benchmarks' limit).
 */
@Injectable()
export class CommandGateway {
  private readonly logger = new Logger(CommandGateway.name);
  private readonly produce = new Coalescer<OutboundMessage>((messages) => this.publisher.publish(this.topics.commands, messages));
  private readonly markPublished = new Coalescer<string>(async (commandIds) => {
    await this.pool.query('UPDATE accepted_commands SET published_at = now() WHERE command_id = ANY($1) AND published_at IS NULL', [
      commandIds,
    ]);
  });

  // Requests arriving while an INSERT is in flight share the next one (issue 18: a database round trip per POST).
  private readonly insertPinned = new Coalescer<PinnedRow>(async (rows) => {
    const column = (i: number) => rows.map((r) => r.values[i]);
    const { rows: inserted } = await this.pool.query<AcceptedRow>(
      `INSERT INTO accepted_commands (command_id, command_type, aggregate_id, actor, correlation_id, idempotency_key, request_hash)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT (actor, idempotency_key) DO NOTHING
       RETURNING command_id, aggregate_id, request_hash, published_at`,
      [rows.map((r) => r.commandId), column(0), column(1), column(2), column(3), column(4), column(5)],
    );
    const byId = new Map(inserted.map((r) => [r.command_id, r]));
    for (const row of rows) row.inserted = byId.get(row.commandId);
  });

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(COMMAND_PUBLISHER) private readonly publisher: MessagePublisher,
    @Inject(TOPICS) private readonly topics: TopicNames,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly connection: KafkaConnection,
  ) {}

  async accept(request: CommandRequest): Promise<{ commandId: string; aggregateId: string }> {
    const hash = fingerprintOf({ type: request.type, aggregateId: request.aggregateId ?? null, body: request.fingerprint });
    let row = await this.pin(request, hash);
    if (row.request_hash !== hash) {
      throw new RequestValidationException([
        {
          path: 'idempotency-key',
          rule: 'idempotencyKeyReused',
          message: 'this Idempotency-Key was used for a different request; use a new key for a new command',
        },
      ]);
    }
    if (row.published_at === null) {
      await this.publish(request, row);
      row = { ...row, published_at: new Date() };
      await this.markPublished.submit(row.command_id);
    }
    return { commandId: row.command_id, aggregateId: row.aggregate_id };
  }

  /** The accepted-command row for this request: the existing one for a repeated key, else a new one. */
  private async pin(request: CommandRequest, hash: string): Promise<AcceptedRow> {
    const row: PinnedRow = {
      commandId: randomUUID(),
      values: [
        request.type,
        request.aggregateId ?? randomUUID(),
        request.actor,
        request.correlationId,
        request.idempotencyKey ?? null,
        hash,
      ],
    };
    await this.insertPinned.submit(row);
    if (row.inserted) return row.inserted;
    // Not inserted: its (actor, Idempotency-Key) was pinned before, or by another request of the same statement.
    const existing = await this.pool.query<AcceptedRow>(
      'SELECT command_id, aggregate_id, request_hash, published_at FROM accepted_commands WHERE actor = $1 AND idempotency_key = $2',
      [request.actor, request.idempotencyKey],
    );
    return existing.rows[0]!;
  }

  private async publish(request: CommandRequest, row: AcceptedRow): Promise<void> {
    const broker = this.connection.status();
    if (!broker.connected) {
      // Debug only: the connection logs each failed attempt already, and this would repeat it per request.
      this.logger.debug(`command ${row.command_id} (${request.type}) not published: Kafka is not connected yet (${broker.problem})`);
      throw new DependencyUnavailableException(
        'the message broker is not reachable yet; the command was not published: retry with the same Idempotency-Key after Retry-After',
        Math.max(1, Math.ceil((broker.nextAttemptInMs ?? 0) / 1000)),
      );
    }
    const ids = { commandId: row.command_id, aggregateId: row.aggregate_id };
    const send = this.produce.submit({
      key: row.aggregate_id,
      value: JSON.stringify(request.payload(ids)),
      headers: envelopeHeaders({
        id: row.command_id,
        type: request.type,
        schemaVersion: { ...ReportCommands, ...SanctionsCommands, ...AlertCommands, ...EntityCommands }[request.type].schemaVersion,
        occurredAt: new Date().toISOString(),
        correlationId: request.correlationId,
        actor: request.actor,
      }),
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer from the broker within ${this.env.COMMAND_PUBLISH_TIMEOUT_MS} ms`)),
        this.env.COMMAND_PUBLISH_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([send, timeout]);
    } catch (error) {
      send.catch(() => undefined); // a late failure of the abandoned send must not surface as an unhandled rejection
      const withdrawn = send.withdraw();
      this.logger.warn(
        `command ${row.command_id} (${request.type}) ${withdrawn ? 'not published' : 'not confirmed'}: ${(error as Error).message}`,
      );
      throw new DependencyUnavailableException(
        withdrawn
          ? 'the message broker did not take the command in time; it was not published: retry with the same Idempotency-Key'
          : 'the message broker did not confirm the command in time; it may still be published: retry with the same Idempotency-Key, which applies it once',
        Math.max(1, Math.ceil(this.env.COMMAND_PUBLISH_TIMEOUT_MS / 1000)),
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
