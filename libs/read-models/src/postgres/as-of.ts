import type { ClientBase, Pool } from 'pg';
import { REPORT_STREAM_TYPE } from '@tm/domain';
import { checkpointOf, inTransaction, readAll, START, type Checkpoint } from '@tm/event-store';
import { ledgerKeysOf, sortClaimStates } from '../fold/ledger';
import { applyReportEvent, ProjectionRuleError, type ClaimState, type ReportState } from '../fold/report-state';
import { claimHistoryAsOf, claimHistoryCheckpoint, claimRowsAsOfSql } from './claim-history';
import { activeProjectionVersion } from './projection-versions';

/** What `asOf` resolved to: the last event known at that moment, and how many report events were folded. */
export interface AsOfResult {
  /** Global position of the last event taken (0 when the store held none yet). */
  globalPosition: number;
  /** Its recording time, ISO 8601. */
  recordedAt?: string;
  /** Report events the event store held up to that event (those the fold refuses, and skips, included). */
  eventsFolded: number;
  /** Claim states as they stood, sorted by report and claim id. */
  claims: ClaimState[];
}

/** Options of {@link claimStatesAsOf}. */
export interface AsOfOptions {
  /** Only the claims behind this country's ledger (with a ledger key of the country). */
  country?: string;
  /**
   * `'history'` (default): the active version's claim-state history when it has one, else the fold; `'fold'`: fold
   * the event store in memory (what the history must equal).
   */
  source?: 'history' | 'fold';
  /** Events read per query when folding. Default 10,000. */
  batchSize?: number;
}

/**
 * The checkpoint of the last event recorded at or before `at` (in the read order), or undefined when none was.
 * Uses `recorded_at`, the time the event store took the event: the moment of knowledge, not of the facts.
 */
export async function checkpointAt(pool: Pool | ClientBase, at: Date): Promise<Checkpoint | undefined> {
  // The text alias must not be named `transaction_id`: ORDER BY would sort the text ('9994' after '42257'), not the xid8.
  const { rows } = await pool.query<{ xid_text: string; global_position: string }>(
    `SELECT transaction_id::text AS xid_text, global_position FROM events WHERE recorded_at <= $1 ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    [at],
  );
  return rows[0] ? { transactionId: rows[0].xid_text, globalPosition: Number(rows[0].global_position) } : undefined;
}

/**
 * Claim states as they stood when the event store held exactly the events up to `upTo` (a global position, or a
 * time resolved with {@link checkpointAt}), every committed event up to the target in the read order (transaction
 * id, global position), not only those below the readable horizon: a long transaction elsewhere (a list import) must
 * not make the answer lack events it claims. Events the fold refuses are skipped, as the live projection
 * dead-letters them. Read in one REPEATABLE READ snapshot, from the active version's claim-state history
 * (`claim_state_history` and the validity of `claim_states`, the reports with events past its history checkpoint
 * folded from the store: see `claimHistoryAsOf`), or, for a version without history or with `source: 'fold'`,
 * folded in memory from the whole event store with the projection's own fold. Both give the same claims.
 * @param upTo a global position (number) or a moment (Date).
 */
export async function claimStatesAsOf(pool: Pool, upTo: number | Date, options: AsOfOptions = {}): Promise<AsOfResult> {
  return inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const target = await resolveAsOf(client, upTo);
    if (!target) return { globalPosition: 0, eventsFolded: 0, claims: [] };
    const { schemaName } = await activeProjectionVersion(client);
    const history = options.source === 'fold' ? undefined : await claimHistoryCheckpoint(client, schemaName);
    const claims = history
      ? await historyUpTo(client, schemaName, history, target, options.country)
      : await foldUpTo(client, target, options.batchSize ?? 10_000, options.country);
    return {
      globalPosition: target.globalPosition,
      recordedAt: target.recordedAt.toISOString(),
      eventsFolded: await reportEventsUpTo(client, target),
      claims: sortClaimStates(claims),
    };
  });
}

/** The asOf target: the checkpoint of the event at or before a position, or of the last one recorded by a moment, with its recording time. */
export async function resolveAsOf(client: ClientBase, upTo: number | Date): Promise<(Checkpoint & { recordedAt: Date }) | undefined> {
  const target = typeof upTo === 'number' ? await checkpointAtOrBefore(client, upTo) : await checkpointAt(client, upTo);
  if (!target) return undefined;
  const { rows } = await client.query<{ recorded_at: Date }>('SELECT recorded_at FROM events WHERE global_position = $1', [
    target.globalPosition,
  ]);
  return { ...target, recordedAt: rows[0]!.recorded_at };
}

async function reportEventsUpTo(client: ClientBase, target: Checkpoint): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM events WHERE stream_type = $3 AND (transaction_id, global_position) <= ($1::xid8, $2::bigint)`,
    [target.transactionId, target.globalPosition, REPORT_STREAM_TYPE],
  );
  return Number(rows[0]!.n);
}

const ofCountry = (country: string | undefined) => (c: ClaimState) =>
  country === undefined || ledgerKeysOf(c).some((key) => key.country === country);

async function historyUpTo(
  client: ClientBase,
  schema: string,
  history: Checkpoint,
  target: Checkpoint,
  country: string | undefined,
): Promise<ClaimState[]> {
  const gap = await claimHistoryAsOf(client, history, target);
  // A country's ledger keys are those of its transfers as supplier or recipient (`ledgerKeysOf`): the indexed
  // country columns find them without reading every valid row's keys.
  const { rows } = await client.query<{ state: ClaimState }>(
    `SELECT state FROM (${claimRowsAsOfSql(schema, 'state, kind, supplier_country, recipient_country', 1, 3)}) c
      WHERE $4::text IS NULL OR (c.kind = 'transfer' AND (c.supplier_country = $4 OR c.recipient_country = $4))`,
    [target.transactionId, target.globalPosition, gap.gapReports, country ?? null],
  );
  return [...rows.map((r) => r.state), ...gap.gapClaims.filter(ofCountry(country))];
}

async function foldUpTo(client: ClientBase, target: Checkpoint, batchSize: number, country: string | undefined): Promise<ClaimState[]> {
  const reports = new Map<string, ReportState>();
  let after = START;
  for (;;) {
    const events = await readAll(client, after, batchSize, { upTo: target, visibility: 'snapshot' });
    if (events.length === 0) break;
    for (const event of events) {
      if (event.streamType !== REPORT_STREAM_TYPE) continue;
      const reportId = event.streamId.slice(REPORT_STREAM_TYPE.length + 1);
      try {
        reports.set(reportId, applyReportEvent(reports.get(reportId), event));
      } catch (error) {
        if (!(error instanceof ProjectionRuleError)) throw error;
      }
    }
    const last = events[events.length - 1];
    after = { transactionId: last.transactionId, globalPosition: last.globalPosition };
  }
  return [...reports.values()].flatMap((r) => r.claims).filter(ofCountry(country));
}

/** The checkpoint of the event at `position`, or of the last one before it when that position holds none. */
export async function checkpointAtOrBefore(db: ClientBase, position: number): Promise<Checkpoint | undefined> {
  const exact = await checkpointOf(db, position);
  if (exact) return exact;
  const { rows } = await db.query<{ global_position: string }>(
    `SELECT max(global_position) AS global_position FROM events WHERE global_position <= $1`,
    [position],
  );
  return rows[0]?.global_position ? checkpointOf(db, Number(rows[0].global_position)) : undefined;
}
