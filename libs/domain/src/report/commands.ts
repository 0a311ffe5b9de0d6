import type { DiplomaticEventClaim, Evidence, Item, SourceDocument, SourceReliability, TransferClaim } from './model';

/** A date as the analyst enters it: the EDTF string and the source's words; bounds and precision are computed. */
export interface ReportedDateInput {
  edtf: string;
  phrase?: string;
}

/** A transfer claim as entered: the CHPL tier and HS-6 of the item and the date bounds are computed, never entered. */
export type TransferClaimInput = Omit<TransferClaim, 'date' | 'item'> & { date?: ReportedDateInput; item: Omit<Item, 'chplTier' | 'hs6'> };

/** A diplomatic-event claim as entered: the CAMEO code defaults to the one of its event type; the date bounds are computed. */
export type DiplomaticEventClaimInput = Omit<DiplomaticEventClaim, 'date' | 'cameoCode'> & { cameoCode?: string; date?: ReportedDateInput };

export type ClaimInput = TransferClaimInput | DiplomaticEventClaimInput;

/** Submit a new report (a new aggregate `report-<reportId>`). */
export interface SubmitReportV1 {
  reportId: string;
  source: SourceDocument;
  sourceReliability: SourceReliability;
  text?: string;
  claims: ClaimInput[];
}

/** Replace a claim of the report by a corrected version (same `claimId`, same kind). */
export interface AmendClaimV1 {
  reportId: string;
  claim: ClaimInput;
  reason: string;
}

/** Link evidence to a claim of the report (`evidence.claimId`). */
export interface AddEvidenceV1 {
  reportId: string;
  evidence: Evidence;
}

/** Withdraw the whole report. */
export interface RetractReportV1 {
  reportId: string;
  reason: string;
}

/** Command names and their current schema versions (upcasters bring older versions up to these). */
export const ReportCommands = {
  SubmitReport: { type: 'SubmitReport', schemaVersion: 1 },
  AmendClaim: { type: 'AmendClaim', schemaVersion: 1 },
  AddEvidence: { type: 'AddEvidence', schemaVersion: 1 },
  RetractReport: { type: 'RetractReport', schemaVersion: 1 },
} as const;

export type ReportCommandType = keyof typeof ReportCommands;

export type ReportCommand =
  | { type: 'SubmitReport'; payload: SubmitReportV1 }
  | { type: 'AmendClaim'; payload: AmendClaimV1 }
  | { type: 'AddEvidence'; payload: AddEvidenceV1 }
  | { type: 'RetractReport'; payload: RetractReportV1 };
