import { claimIdKey, sameClaimId } from './claim-ids';
import type { ReportCommand } from './commands';
import { enrichClaim } from './enrichment';
import { ReportRuleError } from './errors';
import { ReportEvents, type ReportEvent } from './events';
import type { Claim } from './model';
import { checkReportCommand } from './schema/payloads';
import { reportUpcasters } from './upcasting';

/** The report aggregate's state, folded from its events: what its rules need, nothing more. */
export interface ReportState {
  reportId?: string;
  /** The stream's version: the number of events folded. */
  version: number;
  retracted: boolean;
  claims: ReadonlyMap<string, Claim>;
  evidenceIds: ReadonlySet<string>;
}

export const initialReportState: ReportState = Object.freeze({
  version: 0,
  retracted: false,
  claims: new Map<string, Claim>(),
  evidenceIds: new Set<string>(),
});

/** An event about to be appended: type, current schema version and payload. */
export interface DecidedEvent {
  type: ReportEvent['type'];
  schemaVersion: number;
  payload: ReportEvent['payload'];
}

/** Applies one event (at its current schema version) to the state; pure. */
export function evolve(state: ReportState, event: ReportEvent): ReportState {
  const version = state.version + 1;
  switch (event.type) {
    case 'ReportSubmitted':
      return { ...state, version, reportId: event.payload.reportId, claims: new Map(event.payload.claims.map((c) => [c.claimId, c])) };
    case 'ClaimAmended':
      return { ...state, version, claims: new Map(state.claims).set(event.payload.claim.claimId, event.payload.claim) };
    case 'EvidenceAdded':
      return { ...state, version, evidenceIds: new Set(state.evidenceIds).add(event.payload.evidence.evidenceId) };
    case 'ReportRetracted':
      return { ...state, version, retracted: true };
  }
}

/**
 * Folds a stream's stored events (any schema version: each is upcast first) into the state.
 * @throws UnknownMessageTypeError / UnsupportedSchemaVersionError for an event this code cannot read.
 */
export function foldReport(events: Iterable<{ type: string; schemaVersion: number; payload: unknown }>): ReportState {
  let state = initialReportState;
  for (const stored of events) {
    const { payload } = reportUpcasters.upcast(stored.type, stored.schemaVersion, stored.payload);
    state = evolve(state, { type: stored.type, payload } as ReportEvent);
  }
  return state;
}

const event = <T extends ReportEvent>(type: T['type'], payload: T['payload']): DecidedEvent => ({
  type,
  schemaVersion: ReportEvents[type].schemaVersion,
  payload,
});

function requireLiveReport(state: ReportState): void {
  if (state.version === 0) throw new ReportRuleError('unknown-report', 'no report with this id has been submitted', 'reportId');
  if (state.retracted)
    throw new ReportRuleError('report-retracted', 'the report was retracted: it takes no more amendments or evidence', 'reportId');
}

/** The claim `claimId` names, as stored: the same id, or one equal under NFC ({@link sameClaimId}). */
function requireClaim(state: ReportState, claimId: string, path: string): Claim {
  const claim = state.claims.get(claimId) ?? [...state.claims.values()].find((c) => sameClaimId(c.claimId, claimId));
  if (!claim) throw new ReportRuleError('unknown-claim', `the report has no claim ${claimId}`, path);
  return claim;
}

/**
 * Decides the events a command produces against the report's current state (pure: no I/O besides the in-memory
 * code lists). Rules: a report is submitted once; claim ids are unique within it (under NFC: {@link claimIdKey}); a retracted report takes no
 * amendment, evidence or second retraction; amendments and evidence name a claim the report has; an amendment keeps
 * the claim's kind; evidence ids are unique. Claims are enriched (EDTF bounds, HS-6 and CHPL tier, CAMEO code).
 * @throws ReportRuleError with a code and the path of the field at fault.
 */
export function decide(command: ReportCommand, state: ReportState): DecidedEvent[] {
  const violations = checkReportCommand(command.type, command.payload);
  if (violations.length > 0) {
    const first = violations[0];
    throw Object.assign(new ReportRuleError('invalid-payload', violations.map((v) => `${v.path}: ${v.message}`).join('; '), first.path), {
      violations,
    });
  }
  switch (command.type) {
    case 'SubmitReport': {
      const p = command.payload;
      if (state.version > 0) throw new ReportRuleError('report-already-exists', `report ${p.reportId} was already submitted`, 'reportId');
      const seen = new Set<string>();
      p.claims.forEach((c, i) => {
        if (seen.has(claimIdKey(c.claimId)))
          throw new ReportRuleError('duplicate-claim-id', `claim id ${c.claimId} is used twice in the report`, `claims[${i}].claimId`);
        seen.add(claimIdKey(c.claimId));
      });
      const claims = p.claims.map((c, i) => enrichClaim(c, `claims[${i}]`));
      return [
        event('ReportSubmitted', {
          reportId: p.reportId,
          source: p.source,
          sourceReliability: p.sourceReliability,
          ...(p.text ? { text: p.text } : {}),
          claims,
        }),
      ];
    }
    case 'AmendClaim': {
      const p = command.payload;
      requireLiveReport(state);
      const existing = requireClaim(state, p.claim.claimId, 'claim.claimId');
      if (existing.kind !== p.claim.kind)
        throw new ReportRuleError(
          'claim-kind-changed',
          `claim ${p.claim.claimId} is a ${existing.kind} claim; an amendment keeps its kind`,
          'claim.kind',
        );
      // Recorded under the id as stored: the read models find claims by it.
      const claim = enrichClaim({ ...p.claim, claimId: existing.claimId }, 'claim');
      return [event('ClaimAmended', { reportId: p.reportId, claim, reason: p.reason })];
    }
    case 'AddEvidence': {
      const p = command.payload;
      requireLiveReport(state);
      const { claimId } = requireClaim(state, p.evidence.claimId, 'evidence.claimId');
      if (state.evidenceIds.has(p.evidence.evidenceId))
        throw new ReportRuleError('duplicate-evidence-id', `evidence ${p.evidence.evidenceId} is already linked`, 'evidence.evidenceId');
      return [event('EvidenceAdded', { reportId: p.reportId, evidence: { ...p.evidence, claimId } })];
    }
    case 'RetractReport': {
      const p = command.payload;
      requireLiveReport(state);
      return [event('ReportRetracted', { reportId: p.reportId, reason: p.reason })];
    }
  }
}
