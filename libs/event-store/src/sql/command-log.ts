import type { ClientBase, Pool } from 'pg';

/** What became of a command, as `GET /v1/commands/:id` reports it. */
export interface CommandOutcome {
  commandId: string;
  commandType: string;
  aggregateId: string;
  status: 'succeeded' | 'rejected';
  /** For a rejection: `{ code, message, field? }`. */
  reason?: { code: string; message: string; [key: string]: unknown };
  /** Global positions of the events the command produced (succeeded only). */
  globalPositions?: { first: number; last: number };
  processedAt: Date;
}

/**
 * Records a command's outcome in the inbox (`processed_commands`). Called in the transaction that appended the
 * command's events, so a redelivered command finds its outcome and is not run twice.
 * @returns false when the command was already recorded (a concurrent duplicate): roll back in that case.
 */
export async function recordCommandOutcome(client: ClientBase, outcome: Omit<CommandOutcome, 'processedAt'>): Promise<boolean> {
  const result = await client.query(
    `INSERT INTO processed_commands (command_id, command_type, aggregate_id, status, reason, first_position, last_position)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (command_id) DO NOTHING`,
    [
      outcome.commandId,
      outcome.commandType,
      outcome.aggregateId,
      outcome.status,
      outcome.reason ?? null,
      outcome.globalPositions?.first ?? null,
      outcome.globalPositions?.last ?? null,
    ],
  );
  return result.rowCount === 1;
}

/**
 * {@link recordCommandOutcome} for several commands in one statement (in the transaction that appended their events).
 * @returns the ids recorded; an id missing from it was already recorded (a concurrent duplicate): roll back then.
 */
export async function recordCommandOutcomes(
  client: ClientBase,
  outcomes: readonly Omit<CommandOutcome, 'processedAt'>[],
): Promise<Set<string>> {
  if (outcomes.length === 0) return new Set();
  const { rows } = await client.query<{ command_id: string }>(
    `INSERT INTO processed_commands (command_id, command_type, aggregate_id, status, reason, first_position, last_position)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::bigint[], $7::bigint[])
     ON CONFLICT (command_id) DO NOTHING
     RETURNING command_id`,
    [
      outcomes.map((o) => o.commandId),
      outcomes.map((o) => o.commandType),
      outcomes.map((o) => o.aggregateId),
      outcomes.map((o) => o.status),
      outcomes.map((o) => (o.reason === undefined ? null : JSON.stringify(o.reason))),
      outcomes.map((o) => o.globalPositions?.first ?? null),
      outcomes.map((o) => o.globalPositions?.last ?? null),
    ],
  );
  return new Set(rows.map((r) => r.command_id));
}

/** The recorded outcome of a command, or undefined while it is pending (or unknown). */
export async function findCommandOutcome(db: Pool | ClientBase, commandId: string): Promise<CommandOutcome | undefined> {
  const { rows } = await db.query<OutcomeRow>(
    `SELECT command_id, command_type, aggregate_id, status, reason, first_position, last_position, processed_at FROM processed_commands WHERE command_id = $1`,
    [commandId],
  );
  return rows[0] ? toOutcome(rows[0]) : undefined;
}

/** The recorded outcomes of `commandIds` (UUIDs), by command id, in one statement; pending or unknown ones are absent. */
export async function findCommandOutcomes(db: Pool | ClientBase, commandIds: readonly string[]): Promise<Map<string, CommandOutcome>> {
  if (commandIds.length === 0) return new Map();
  const { rows } = await db.query<OutcomeRow>(
    `SELECT command_id, command_type, aggregate_id, status, reason, first_position, last_position, processed_at FROM processed_commands WHERE command_id = ANY($1::uuid[])`,
    [commandIds],
  );
  return new Map(rows.map((row) => [row.command_id, toOutcome(row)]));
}

interface OutcomeRow {
  command_id: string;
  command_type: string;
  aggregate_id: string;
  status: CommandOutcome['status'];
  reason: CommandOutcome['reason'] | null;
  first_position: string | null;
  last_position: string | null;
  processed_at: Date;
}

function toOutcome(row: OutcomeRow): CommandOutcome {
  return {
    commandId: row.command_id,
    commandType: row.command_type,
    aggregateId: row.aggregate_id,
    status: row.status,
    reason: row.reason ?? undefined,
    globalPositions: row.first_position === null ? undefined : { first: Number(row.first_position), last: Number(row.last_position) },
    processedAt: row.processed_at,
  };
}

/** A command the API accepted and the broker acknowledged (`accepted_commands` with `published_at` set). */
export interface PublishedCommand {
  commandId: string;
  commandType: string;
  aggregateId: string;
}

/**
 * The command `commandId` as the API accepted it, once published (a command accepted but never acknowledged by the
 * broker is not pending: its client retries it); undefined otherwise. With {@link findCommandOutcome}: no outcome
 * and a published command is a pending one.
 */
export async function findPublishedCommand(db: Pool | ClientBase, commandId: string): Promise<PublishedCommand | undefined> {
  const { rows } = await db.query<{ command_type: string; aggregate_id: string }>(
    'SELECT command_type, aggregate_id FROM accepted_commands WHERE command_id = $1 AND published_at IS NOT NULL',
    [commandId],
  );
  return rows[0] && { commandId, commandType: rows[0].command_type, aggregateId: rows[0].aggregate_id };
}
