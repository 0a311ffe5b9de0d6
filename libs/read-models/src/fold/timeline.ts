import type { CountryCode, DiplomaticEventClaim, InformationCredibility, Participant, ReportedDate } from '@tm/domain';
import { cameoCode } from '@tm/reference';
import type { ClaimState, ClaimStatus } from './report-state';

/** One diplomatic event in a country's timeline. */
export interface TimelineEntry {
  country: CountryCode;
  reportId: string;
  claimId: string;
  eventType: string;
  /** CAMEO code as recorded, with its label, quad class (1–4) and Goldstein score (−10…+10) when the code is known. */
  cameoCode: string;
  cameoLabel?: string;
  quadClass?: number;
  goldstein?: number;
  /** EDTF date with its earliest/latest bounds and precision; entries sort by `date.earliest` (undated last). */
  date?: ReportedDate;
  participants: Participant[];
  place?: { country: CountryCode; locality?: string };
  topics: string[];
  outcomes: string[];
  credibility: InformationCredibility;
  status: ClaimStatus;
  statement?: string;
  publisher: string;
}

/** The timeline entries of one claim: one per distinct participant country (and the place's country); none for a transfer. */
export function timelineEntriesOf(state: ClaimState): TimelineEntry[] {
  if (state.claim.kind !== 'diplomatic-event') return [];
  const claim: DiplomaticEventClaim = state.claim;
  const countries = new Set(claim.participants.map((p) => p.country));
  const cameo = cameoCode(claim.cameoCode);
  return [...countries].sort().map((country) => ({
    country,
    reportId: state.reportId,
    claimId: state.claimId,
    eventType: claim.eventType,
    cameoCode: claim.cameoCode,
    ...(cameo ? { cameoLabel: cameo.label, quadClass: cameo.quadClass, goldstein: cameo.goldstein } : {}),
    ...(claim.date ? { date: claim.date } : {}),
    participants: claim.participants,
    ...(claim.place ? { place: claim.place } : {}),
    topics: claim.topics ?? [],
    outcomes: claim.outcomes ?? [],
    credibility: state.credibility,
    status: state.status,
    ...(claim.statement ? { statement: claim.statement } : {}),
    publisher: state.source.publisher,
  }));
}

/** Timeline order: earliest bound, then latest bound, then report and claim id; undated entries last. */
export function compareTimelineEntries(a: TimelineEntry, b: TimelineEntry): number {
  const ka = [a.date?.earliest ?? '\uffff', a.date?.latest ?? '\uffff', a.reportId, a.claimId];
  const kb = [b.date?.earliest ?? '\uffff', b.date?.latest ?? '\uffff', b.reportId, b.claimId];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}
