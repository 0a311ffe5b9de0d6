import type { Claim, Evidence, SourceDocument, SourceReliability } from './model';

/** Stream type and id of a report aggregate: `report-<reportId>`. */
export const REPORT_STREAM_TYPE = 'report';
export const reportStreamId = (reportId: string) => `report-${reportId}`;

/** A report was submitted with its source, grading, text and claims. */
export interface ReportSubmittedV1 {
  reportId: string;
  source: SourceDocument;
  sourceReliability: SourceReliability;
  /** Summary or excerpt; screened for sanctioned names. */
  text?: string;
  claims: Claim[];
}

/** A claim was replaced by a corrected version (same `claimId`). */
export interface ClaimAmendedV1 {
  reportId: string;
  claim: Claim;
  reason: string;
}

/** Evidence was linked to a claim; `credibilityAfter` regrades the claim when present. */
export interface EvidenceAddedV1 {
  reportId: string;
  evidence: Evidence;
}

/** The whole report was withdrawn: its claims stop counting, and stay visible as retracted. */
export interface ReportRetractedV1 {
  reportId: string;
  reason: string;
}

/** Event type names and their current schema versions (upcasters bring older versions up to these). */
export const ReportEvents = {
  ReportSubmitted: { type: 'ReportSubmitted', schemaVersion: 1 },
  ClaimAmended: { type: 'ClaimAmended', schemaVersion: 1 },
  EvidenceAdded: { type: 'EvidenceAdded', schemaVersion: 1 },
  ReportRetracted: { type: 'ReportRetracted', schemaVersion: 1 },
} as const;

export type ReportEvent =
  | { type: 'ReportSubmitted'; payload: ReportSubmittedV1 }
  | { type: 'ClaimAmended'; payload: ClaimAmendedV1 }
  | { type: 'EvidenceAdded'; payload: EvidenceAddedV1 }
  | { type: 'ReportRetracted'; payload: ReportRetractedV1 };
