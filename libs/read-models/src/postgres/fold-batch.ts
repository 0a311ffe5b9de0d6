import { REPORT_STREAM_TYPE } from '@tm/domain';
import { applyReportEvent, ProjectionRuleError, type ClaimState, type ReportState } from '../fold/report-state';
import type { ProjectableEvent } from './projectable-event';

const REPORT_PREFIX = `${REPORT_STREAM_TYPE}-`;

/** The report id of a report stream id (`report-<id>` → `<id>`). */
export function reportIdOf(streamId: string): string {
  return streamId.slice(REPORT_PREFIX.length);
}

/** What folding a batch of fresh report events into the stored report states changed (no I/O). */
export interface FoldedBatch {
  /** Report states after the batch, by report id (`before` plus the reports the batch created or changed). */
  after: Map<string, ReportState>;
  /** Reports whose state the batch changed (a new object): those of `before` first, then the new ones. */
  changedReports: ReportState[];
  /** Old states of the claims that changed (claims new with their report have none). */
  touchedBefore: ClaimState[];
  /** New states of the claims that changed or appeared. */
  touchedAfter: ClaimState[];
  /** Last stream version applied per stream changed. */
  changedVersions: Map<string, number>;
  /** Highest global position among the fresh events (0 for none). */
  maxPosition: number;
  /** Events applied. */
  applied: number;
  /** Events the fold refused, with the reason. */
  refused: { event: ProjectableEvent; reason: string }[];
}

/**
 * Folds `fresh` report events (global order, none at or below its stream's stored version) into the report states
 * `before` (by report id; left unmodified) and works out which reports and claims changed: the one fold behind the
 * live projection ({@link applyEvents}) and the rebuild's bulk batches, so both write the same rows.
 * A claim counts as changed when its state is a new object whose JSON differs from the old one.
 */
export function foldBatch(fresh: ProjectableEvent[], before: ReadonlyMap<string, ReportState>): FoldedBatch {
  const after = new Map(before);
  const changedVersions = new Map<string, number>();
  const refused: FoldedBatch['refused'] = [];
  let maxPosition = 0;
  let applied = 0;
  for (const event of fresh) {
    maxPosition = Math.max(maxPosition, event.globalPosition);
    const reportId = reportIdOf(event.streamId);
    try {
      after.set(reportId, applyReportEvent(after.get(reportId), event));
    } catch (error) {
      if (!(error instanceof ProjectionRuleError)) throw error;
      refused.push({ event, reason: error.message });
      continue;
    }
    changedVersions.set(event.streamId, event.version);
    applied += 1;
  }

  const changedReports = [...after.values()].filter((state) => state !== before.get(state.reportId));
  const touchedBefore: ClaimState[] = [];
  const touchedAfter: ClaimState[] = [];
  for (const report of changedReports) {
    const previousClaims = before.get(report.reportId)?.claims;
    if (!previousClaims) {
      touchedAfter.push(...report.claims);
      continue;
    }
    const old = new Map(previousClaims.map((c) => [c.claimId, c]));
    for (const claim of report.claims) {
      const previous = old.get(claim.claimId);
      // The fold keeps the object of a claim it did not touch: same object, same JSON.
      if (previous && (previous === claim || JSON.stringify(previous) === JSON.stringify(claim))) continue;
      if (previous) touchedBefore.push(previous);
      touchedAfter.push(claim);
    }
  }
  return { after, changedReports, touchedBefore, touchedAfter, changedVersions, maxPosition, applied, refused };
}
