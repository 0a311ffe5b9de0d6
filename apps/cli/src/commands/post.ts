import { basename } from 'node:path';
import type { ApiClient } from '../api-client';
import { waitForCommand, type CommandAccepted, type CommandStatus } from '../commands-api';
import { startProgress, type CliIo } from '../io';
import { idempotencyKeyFor, readReportFiles, type ReportFile } from '../report-files';

/** What became of one file: its report id, the last global position of its events, or why it was rejected. */
export interface PostOutcome {
  file: string;
  reportId?: string;
  status: 'succeeded' | 'rejected';
  claims: number;
  evidence: number;
  lastPosition?: number;
  reason?: string;
}

function reasonOf(status: CommandStatus): string {
  return status.reason ? `${status.reason.code}: ${status.reason.message}` : status.status;
}

/** Posts one file: the report, then (once stored) each evidence body, each waited for until it succeeds or is rejected. */
async function postOne(api: ApiClient, file: ReportFile): Promise<PostOutcome> {
  const claims = Array.isArray(file.report.claims) ? file.report.claims.length : 0;
  const accepted = await api.post<CommandAccepted>('v1/reports', file.report, {
    'Idempotency-Key': idempotencyKeyFor(file.file, 'report', file.report),
  });
  const submitted = await waitForCommand(api, accepted.body.commandId);
  const outcome: PostOutcome = {
    file: basename(file.file),
    reportId: accepted.body.aggregateId,
    status: submitted.status === 'succeeded' ? 'succeeded' : 'rejected',
    claims,
    evidence: 0,
    lastPosition: submitted.globalPositions?.last,
  };
  if (submitted.status !== 'succeeded') return { ...outcome, reason: `report: ${reasonOf(submitted)}` };
  for (const [index, evidence] of file.evidence.entries()) {
    const path = `v1/reports/${encodeURIComponent(accepted.body.aggregateId)}/claims/${encodeURIComponent(evidence.claimId)}/evidence`;
    const added = await api.post<CommandAccepted>(path, evidence.body, {
      'Idempotency-Key': idempotencyKeyFor(file.file, `evidence-${index}`, evidence),
    });
    const status = await waitForCommand(api, added.body.commandId);
    if (status.status !== 'succeeded')
      return { ...outcome, status: 'rejected', reason: `evidence on ${evidence.claimId}: ${reasonOf(status)}` };
    outcome.evidence += 1;
    outcome.lastPosition = Math.max(outcome.lastPosition ?? 0, status.globalPositions?.last ?? 0) || undefined;
  }
  return outcome;
}

/**
 * Posts report files (bulk, with a progress bar), waiting for each command, and returns the outcome per file.
 * Re-posting a file is safe: its Idempotency-Key is derived from its content.
 */
export async function postReportFiles(api: ApiClient, io: CliIo, paths: string[]): Promise<PostOutcome[]> {
  const files = readReportFiles(paths);
  const progress = startProgress(io, 'posting reports', files.length);
  const outcomes: PostOutcome[] = [];
  try {
    for (const file of files) {
      progress.update(outcomes.length, undefined, basename(file.file));
      outcomes.push(await postOne(api, file));
    }
    progress.update(outcomes.length, undefined, 'done');
  } finally {
    progress.stop();
  }
  return outcomes;
}

/** One line per file and a summary line. */
export function describeOutcomes(outcomes: PostOutcome[]): string[] {
  const lines = outcomes.map((o) =>
    o.status === 'succeeded'
      ? `  ✓ ${o.file}: report ${o.reportId} (${o.claims} claims${o.evidence ? `, ${o.evidence} evidence` : ''})`
      : `  ✗ ${o.file}: rejected (${o.reason})`,
  );
  const ok = outcomes.filter((o) => o.status === 'succeeded');
  const claims = ok.reduce((sum, o) => sum + o.claims, 0);
  const evidence = ok.reduce((sum, o) => sum + o.evidence, 0);
  lines.push(
    `${ok.length} of ${outcomes.length} reports stored (${claims} claims, ${evidence} evidence)${outcomes.length > ok.length ? `, ${outcomes.length - ok.length} rejected` : ''}`,
  );
  return lines;
}
