import { InvalidEdtfError, parseEdtf } from '@tm/reference';
import {
  isStorableDay,
  MAX_QUANTITY_OR_AMOUNT,
  type Claim,
  type ClaimAmendedV1,
  type Evidence,
  type EvidenceAddedV1,
  type InformationCredibility,
  type ReportRetractedV1,
  type ReportSubmittedV1,
  type SourceDocument,
  type SourceReliability,
} from '@tm/domain';

/**
 * Where a claim stands now, derived from its evidence and its report:
 * - `retracted`: its report was retracted, or evidence with stance `retracts` was added;
 * - `denied`: evidence with stance `denies` (a denial by the implicated party: evidence, not a deletion);
 * - `disputed`: evidence with stance `contradicts`;
 * - `active`: none of these.
 * The strongest applies (retracted > denied > disputed > active); later supporting evidence does not clear a
 * denial or a contradiction: the claim stays contested, and its ledger row says so.
 */
export type ClaimStatus = 'active' | 'disputed' | 'denied' | 'retracted';

/** One claim as it now stands: the claim (after amendments), its grading, evidence and status. */
export interface ClaimState {
  reportId: string;
  claimId: string;
  claim: Claim;
  status: ClaimStatus;
  /** Admiralty information credibility 1–6: the claim's own, or the last `credibilityAfter` of its evidence. */
  credibility: InformationCredibility;
  /** The report's source document and its Admiralty reliability A–F. */
  source: SourceDocument;
  sourceReliability: SourceReliability;
  evidence: Evidence[];
  /**
   * Distinct publishers backing the claim: the report's own source plus evidence that `supports` or `confirms`,
   * compared case- and space-insensitively (a story relayed by several outlets of one publisher is one source).
   */
  publishers: string[];
  amendments: { reason: string; at: string }[];
  /** ISO time of the last event that changed the claim. */
  updatedAt: string;
}

/** A report as it now stands: the report view's content and the input of every other fold. */
export interface ReportState {
  reportId: string;
  source: SourceDocument;
  sourceReliability: SourceReliability;
  text?: string;
  status: 'active' | 'retracted';
  retractionReason?: string;
  /** ISO time at which the report was submitted (recorded in the event store). */
  submittedAt: string;
  updatedAt: string;
  /** Global position of the `ReportSubmitted` event: the order of the report list. */
  submittedPosition: number;
  /** Stream version of the last event applied. */
  version: number;
  claims: ClaimState[];
}

/** The part of a stored event the folds read. */
export interface FoldableEvent {
  type: string;
  payload: unknown;
  /** Stream version (1-based). */
  version: number;
  globalPosition: number;
  recordedAt: Date | string;
}

/** An event that cannot be applied to the report as it stands (e.g. evidence for an unknown claim). */
export class ProjectionRuleError extends Error {}

export const REPORT_EVENT_TYPES = ['ReportSubmitted', 'ClaimAmended', 'EvidenceAdded', 'ReportRetracted'] as const;

const CORROBORATING = new Set(['supports', 'confirms']);

function publisherKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function statusOf(evidence: Evidence[], reportRetracted: boolean): ClaimStatus {
  const stances = new Set(evidence.map((e) => e.stance));
  if (reportRetracted || stances.has('retracts')) return 'retracted';
  if (stances.has('denies')) return 'denied';
  if (stances.has('contradicts')) return 'disputed';
  return 'active';
}

function publishersOf(source: SourceDocument, evidence: Evidence[]): string[] {
  const byKey = new Map<string, string>([[publisherKey(source.publisher), source.publisher]]);
  for (const e of evidence)
    if (CORROBORATING.has(e.stance) && !byKey.has(publisherKey(e.source.publisher)))
      byKey.set(publisherKey(e.source.publisher), e.source.publisher);
  return [...byKey.values()];
}

function iso(at: Date | string): string {
  return typeof at === 'string' ? at : at.toISOString();
}

/**
 * The claim, when the read models hold it as stored: its date's EDTF string parses (a bare `12345` was once stored
 * as 1970-01-01), its bounds then taken as that string names them (correcting bounds an older parser stored), and its quantities and amount can be summed in the ledgers (finite,
 * 0…MAX_QUANTITY_OR_AMOUNT). The API and the processor refuse others (the report schema), but an event stored before
 * those checks, or written by anything else, must be refused here (the caller skips it, recording why) rather than
 * show a wrong value or break the sums of a projection, an `asOf` answer or a rebuild.
 * @throws ProjectionRuleError naming the field.
 */
function holdable<C extends Claim>(reportId: string, claim: C): C {
  if (claim.date) {
    const { edtf, earliest, latest } = claim.date;
    let bounds: { earliest: string; latest: string } | undefined;
    try {
      bounds = parseEdtf(edtf);
    } catch (error) {
      if (!(error instanceof InvalidEdtfError)) throw error;
    }
    if (!bounds) {
      throw new ProjectionRuleError(
        `report ${reportId} claim ${claim.claimId}: date.edtf ${JSON.stringify(edtf)} does not name the stored bounds ${earliest}…${latest}`,
      );
    }
    // The EDTF string is what was sent; bounds stored by an older parser (a set `[2023-01..2023-03]` ended 2023-01-31) are read anew.
    if (bounds.earliest !== earliest || bounds.latest !== latest)
      claim = { ...claim, date: { ...claim.date, earliest: bounds.earliest, latest: bounds.latest } };
  }
  if (claim.kind !== 'transfer') return claim;
  const fields: [string, unknown][] = [
    ['quantity.value', claim.quantity?.value],
    ['quantity.min', claim.quantity?.min],
    ['quantity.max', claim.quantity?.max],
    ['value.amount', claim.value?.amount],
  ];
  for (const [field, v] of fields) {
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= MAX_QUANTITY_OR_AMOUNT)) {
      throw new ProjectionRuleError(
        `report ${reportId} claim ${claim.claimId}: ${field} ${String(v)} is not a number in 0…${MAX_QUANTITY_OR_AMOUNT}`,
      );
    }
  }
  return claim;
}

function withClaim(state: ReportState, claimId: string, change: (claim: ClaimState) => ClaimState): ClaimState[] {
  const index = state.claims.findIndex((c) => c.claimId === claimId);
  if (index < 0) throw new ProjectionRuleError(`report ${state.reportId} has no claim ${claimId}`);
  const claims = [...state.claims];
  claims[index] = change(claims[index]);
  return claims;
}

/**
 * Applies one report event to the report as it stands (`undefined` before `ReportSubmitted`) and returns the new
 * state; the input is not modified. Events are the v1 payloads of `libs/domain/src/report/events.ts`.
 * @throws ProjectionRuleError for an event that does not fit the state (submitted twice, unknown claim, an event
 *   before the submission, an unknown event type).
 */
export function applyReportEvent(state: ReportState | undefined, event: FoldableEvent): ReportState {
  const at = iso(event.recordedAt);
  if (event.type === 'ReportSubmitted') {
    if (state) throw new ProjectionRuleError(`report ${state.reportId} was already submitted`);
    const p = event.payload as ReportSubmittedV1;
    const claimIds = new Set<string>();
    const claims = p.claims.map((claim) => {
      if (claimIds.has(claim.claimId)) throw new ProjectionRuleError(`report ${p.reportId} has claim ${claim.claimId} twice`);
      claimIds.add(claim.claimId);
      return holdable(p.reportId, claim);
    });
    // rows.ts keeps a publishedOn of another form as null; a day PostgreSQL's date cannot hold (year 0) would fail the write.
    if (/^\d{4}-\d{2}-\d{2}$/.test(p.source.publishedOn) && !isStorableDay(p.source.publishedOn)) {
      throw new ProjectionRuleError(`report ${p.reportId}: source.publishedOn ${p.source.publishedOn} is no day a PostgreSQL date holds`);
    }
    return {
      reportId: p.reportId,
      source: p.source,
      sourceReliability: p.sourceReliability,
      ...(p.text === undefined ? {} : { text: p.text }),
      status: 'active',
      submittedAt: at,
      updatedAt: at,
      submittedPosition: event.globalPosition,
      version: event.version,
      claims: claims.map((claim) => ({
        reportId: p.reportId,
        claimId: claim.claimId,
        claim,
        status: 'active',
        credibility: claim.credibility,
        source: p.source,
        sourceReliability: p.sourceReliability,
        evidence: [],
        publishers: publishersOf(p.source, []),
        amendments: [],
        updatedAt: at,
      })),
    };
  }
  if (!state) throw new ProjectionRuleError(`${event.type} before ReportSubmitted`);
  const retracted = state.status === 'retracted';
  const next = { ...state, updatedAt: at, version: event.version };
  switch (event.type) {
    case 'ClaimAmended': {
      const p = event.payload as ClaimAmendedV1;
      const claim = holdable(state.reportId, p.claim);
      return {
        ...next,
        claims: withClaim(state, claim.claimId, (c) => ({
          ...c,
          claim,
          credibility: claim.credibility,
          amendments: [...c.amendments, { reason: p.reason, at }],
          updatedAt: at,
        })),
      };
    }
    case 'EvidenceAdded': {
      const p = event.payload as EvidenceAddedV1;
      return {
        ...next,
        claims: withClaim(state, p.evidence.claimId, (c) => {
          const evidence = [...c.evidence, p.evidence];
          return {
            ...c,
            evidence,
            credibility: p.evidence.credibilityAfter ?? c.credibility,
            status: statusOf(evidence, retracted),
            publishers: publishersOf(c.source, evidence),
            updatedAt: at,
          };
        }),
      };
    }
    case 'ReportRetracted': {
      const p = event.payload as ReportRetractedV1;
      return {
        ...next,
        status: 'retracted',
        retractionReason: p.reason,
        claims: state.claims.map((c) => ({ ...c, status: 'retracted', updatedAt: at })),
      };
    }
    default:
      throw new ProjectionRuleError(`unknown report event type ${event.type}`);
  }
}

/** Folds a report stream's events, in version order, into its state. */
export function foldReport(events: FoldableEvent[]): ReportState | undefined {
  return events.reduce<ReportState | undefined>((state, event) => applyReportEvent(state, event), undefined);
}
