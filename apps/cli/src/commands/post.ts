import { basename } from 'node:path';
import { ApiError, type ApiClient } from '../api-client';
import { waitForCommand, type CommandAccepted, type CommandStatus } from '../commands-api';
import { startProgress, type CliIo } from '../io';
import { idempotencyKeyFor, readReportFiles, type ReportFile } from '../report-files';

/**
 * What became of one file: its report id and the last global position of its events, or why it failed: refused by
 * the API (`httpStatus` and the fields it named) or the processor, not readable, or not tried because the run stopped.
 */
export interface PostOutcome {
  file: string;
  reportId?: string;
  status: 'succeeded' | 'rejected';
  claims: number;
  evidence: number;
  lastPosition?: number;
  reason?: string;
  httpStatus?: number;
}

function reasonOf(status: CommandStatus): string {
  if (!status.reason) return status.status;
  return `rejected by the processor: ${status.reason.path ? `${status.reason.path} ` : ''}${status.reason.code}: ${status.reason.message}`;
}

/** The API's refusal as `400 claims[0].date.edtf isStorableDate: <message>` (every field it named, `; ` between). */
function refusalOf(error: ApiError): string {
  const fields = error.errors.map((e) => [e.path, e.rule].filter(Boolean).join(' ') + (e.message ? `: ${e.message}` : ''));
  return fields.length > 0 ? `${error.status} ${fields.join('; ')}` : error.message;
}

/** A failure that every later file would meet too (API unreachable, key refused, processor down): the run stops. */
function stopsTheRun(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 401 || error.status === 403;
}

/** Posts one file: the report, then (once stored) each evidence body, each waited for until it succeeds or is rejected. */
async function postOne(api: ApiClient, file: ReportFile): Promise<PostOutcome> {
  const claims = Array.isArray(file.report.claims) ? file.report.claims.length : 0;
  const outcome: PostOutcome = { file: basename(file.file), status: 'rejected', claims, evidence: 0 };
  let step = 'report';
  try {
    const accepted = await api.post<CommandAccepted>('v1/reports', file.report, {
      'Idempotency-Key': idempotencyKeyFor(file.file, 'report', file.report),
    });
    const submitted = await waitForCommand(api, accepted.body.commandId);
    if (submitted.status !== 'succeeded') return { ...outcome, reason: `report ${reasonOf(submitted)}` };
    Object.assign(outcome, { status: 'succeeded', reportId: accepted.body.aggregateId, lastPosition: submitted.globalPositions?.last });
    for (const [index, evidence] of file.evidence.entries()) {
      step = `evidence on ${evidence.claimId}`;
      const path = `v1/reports/${encodeURIComponent(accepted.body.aggregateId)}/claims/${encodeURIComponent(evidence.claimId)}/evidence`;
      const added = await api.post<CommandAccepted>(path, evidence.body, {
        'Idempotency-Key': idempotencyKeyFor(file.file, `evidence-${index}`, evidence),
      });
      const status = await waitForCommand(api, added.body.commandId);
      if (status.status !== 'succeeded') return { ...outcome, status: 'rejected', reason: `${step} ${reasonOf(status)}` };
      outcome.evidence += 1;
      outcome.lastPosition = Math.max(outcome.lastPosition ?? 0, status.globalPositions?.last ?? 0) || undefined;
    }
    return outcome;
  } catch (error) {
    if (stopsTheRun(error)) throw error;
    const refused = error as ApiError;
    return { ...outcome, status: 'rejected', httpStatus: refused.status, reason: `${step} refused: ${refusalOf(refused)}` };
  }
}

/**
 * Posts report files (bulk, with a progress bar), waiting for each command, and returns the outcome of every file:
 * a file the API refuses (4xx) or that holds no JSON object is recorded and the next one is posted. A failure every
 * later file would meet too (API unreachable, API key refused, a command left pending) stops the run: that file and
 * the ones after it are recorded as not posted, with the reason. Re-posting a file is safe: its Idempotency-Key is
 * derived from its content.
 */
export async function postReportFiles(api: ApiClient, io: CliIo, paths: string[]): Promise<PostOutcome[]> {
  const files = readReportFiles(paths);
  const progress = startProgress(io, 'posting reports', files.length);
  const outcomes: PostOutcome[] = [];
  let stopped: string | undefined;
  try {
    for (const file of files) {
      progress.update(outcomes.length, undefined, basename(file.file));
      const failed = { file: basename(file.file), status: 'rejected' as const, claims: 0, evidence: 0 };
      if (stopped) outcomes.push({ ...failed, reason: `not posted: ${stopped}` });
      else if ('problem' in file) outcomes.push({ ...failed, reason: `not posted: ${file.problem}` });
      else
        try {
          outcomes.push(await postOne(api, file));
        } catch (error) {
          stopped = `the run stopped at ${basename(file.file)}: ${(error as Error).message}`;
          outcomes.push({ ...failed, reason: `not posted: ${(error as Error).message}` });
        }
    }
    progress.update(outcomes.length, undefined, 'done');
  } finally {
    progress.stop();
  }
  return outcomes;
}

/** One line per file (stored with its report id, or why not) and a summary line. */
export function describeOutcomes(outcomes: PostOutcome[]): string[] {
  const lines = outcomes.map((o) =>
    o.status === 'succeeded'
      ? `  ✓ ${o.file}: report ${o.reportId} (${o.claims} claims${o.evidence ? `, ${o.evidence} evidence` : ''})`
      : `  ✗ ${o.file}: ${o.reportId ? `report ${o.reportId} stored, ` : ''}${o.reason}`,
  );
  const ok = outcomes.filter((o) => o.status === 'succeeded');
  const claims = ok.reduce((sum, o) => sum + o.claims, 0);
  const evidence = ok.reduce((sum, o) => sum + o.evidence, 0);
  lines.push(
    `${ok.length} of ${outcomes.length} reports stored (${claims} claims, ${evidence} evidence)${outcomes.length > ok.length ? `, ${outcomes.length - ok.length} failed` : ''}`,
  );
  return lines;
}
