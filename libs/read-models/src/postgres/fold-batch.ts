import { REPORT_STREAM_TYPE } from '@tm/domain';
import type { Checkpoint } from '@tm/event-store';
import { applyReportEvent, ProjectionRuleError, type ClaimState, type ReportState } from '../fold/report-state';
import type { ProjectableEvent } from './projectable-event';

const REPORT_PREFIX = `${REPORT_STREAM_TYPE}-`;

/** The report id of a report stream id (`report-<id>` → `<id>`). */
export function reportIdOf(streamId: string): string {
  return streamId.slice(REPORT_PREFIX.length);
}

/** A claim state made by one event, dated by the event's checkpoint in the read order. */
export interface ClaimVersion {
  state: ClaimState;
  at: Checkpoint;
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
  /**
   * Every state a claim took in the batch, event by event, in the batch's order (a claim's last one is its state in
   * `touchedAfter`): what `claim_state_history` and the validity columns of `claim_states` are written from.
   */
  versions: ClaimVersion[];
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
  const versions: ClaimVersion[] = [];
  for (const event of fresh) {
    maxPosition = Math.max(maxPosition, event.globalPosition);
    const reportId = reportIdOf(event.streamId);
    const previous = after.get(reportId);
    let next: ReportState;
    try {
      next = applyReportEvent(previous, event);
    } catch (error) {
      if (!(error instanceof ProjectionRuleError)) throw error;
      refused.push({ event, reason: error.message });
      continue;
    }
    after.set(reportId, next);
    const at = { transactionId: event.transactionId, globalPosition: event.globalPosition };
    for (const state of changedClaims(previous?.claims, next.claims)) versions.push({ state, at });
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
  return { after, changedReports, touchedBefore, touchedAfter, versions, changedVersions, maxPosition, applied, refused };
}

/** The claims of `next` that are new or differ from their state in `previous` (same object or same JSON: unchanged). */
function changedClaims(previous: ClaimState[] | undefined, next: ClaimState[]): ClaimState[] {
  if (!previous) return next;
  const old = new Map(previous.map((c) => [c.claimId, c]));
  return next.filter((claim) => {
    const before = old.get(claim.claimId);
    return !before || (before !== claim && JSON.stringify(before) !== JSON.stringify(claim));
  });
}

/** What a batch's claim versions write: see {@link claimHistoryOf}. */
export interface ClaimHistoryWrites {
  /** The last version of each claim the batch changed: its `claim_states` row, valid from `at`. */
  current: ClaimVersion[];
  /** Claims stored before the batch that it changed: their stored row goes to history, valid until `at`. */
  closed: { reportId: string; claimId: string; at: Checkpoint }[];
  /** States made and replaced within the batch: history rows valid from `from` until `to`. */
  replaced: { state: ClaimState; from: Checkpoint; to: Checkpoint }[];
}

/** Splits a batch's claim versions (in order) into the rows they write, given the report states before the batch. */
export function claimHistoryOf(versions: ClaimVersion[], before: ReadonlyMap<string, ReportState>): ClaimHistoryWrites {
  const last = new Map<string, ClaimVersion>();
  const closed: ClaimHistoryWrites['closed'] = [];
  const replaced: ClaimHistoryWrites['replaced'] = [];
  for (const version of versions) {
    const { reportId, claimId } = version.state;
    const key = `${reportId}\u0000${claimId}`;
    const previous = last.get(key);
    if (previous) replaced.push({ state: previous.state, from: previous.at, to: version.at });
    else if (before.get(reportId)?.claims.some((c) => c.claimId === claimId)) closed.push({ reportId, claimId, at: version.at });
    last.set(key, version);
  }
  return { current: [...last.values()], closed, replaced };
}
