import type { EntityType, TransferClaim } from '@tm/domain';
import { type AlertCandidate, type EntrySchema, type ScreenableReport, type ScreeningIndex, screenReport } from '@tm/screening';
// The screening app's own call: `screenReport` of @tm/screening.
import type { EntryOf } from './bundled-index';

export type { AlertCandidate, ScreenableReport };

/** Report entity type for a list schema (the inverse of the app's `SCHEMA_OF_ENTITY_TYPE` for the types used here). */
export const ENTITY_TYPE_OF_SCHEMA: Record<EntrySchema, EntityType> = {
  Person: 'person',
  Organization: 'company',
  Vessel: 'vessel',
  Aircraft: 'aircraft',
  Unknown: 'organisation',
};

/**
 * A report of one transfer claim whose supplier entity is `name` (entity type from `schema`), recipient Russia
 * (a country, no entity), and no statement or text: screening it runs the app's party path for this one name.
 * The supplier's country is left out: the sets give none, and a country would lower entries listed for other
 * countries (×0.95).
 */
export function partyReport(reportId: string, name: string, schema: EntrySchema): ScreenableReport {
  const claim = {
    kind: 'transfer',
    claimId: 'c1',
    supplier: { entity: { name, type: ENTITY_TYPE_OF_SCHEMA[schema] } },
    recipient: { country: 'RU' },
    assistanceType: 'military',
    item: { description: 'equipment' },
    stage: 'delivered',
    credibility: 3,
  } as unknown as TransferClaim;
  return { reportId, retracted: false, claims: [claim], evidence: [] };
}

/** A report with `text` as its text and no claims: screening it runs the app's text path. */
export function textReport(reportId: string, text: string): ScreenableReport {
  return { reportId, retracted: false, claims: [], evidence: [], text };
}

/** What every set needs to make the app's call. */
export interface AppContext {
  index: ScreeningIndex;
  threshold: number;
  entryOf: EntryOf;
}

/** The screening app's call: `screenReport(index, report, { threshold, entryOf })`. */
export function screenAsApp(ctx: AppContext, report: ScreenableReport): AlertCandidate[] {
  return screenReport(ctx.index, report, { threshold: ctx.threshold, entryOf: ctx.entryOf });
}

/** Alerts for `name` screened as a report party of `schema`. */
export function screenParty(ctx: AppContext, name: string, schema: EntrySchema): AlertCandidate[] {
  return screenAsApp(ctx, partyReport('eval', name, schema));
}

/** Misses diagnosed per set (`scoreAtZero`): those the output shows. */
export const DIAGNOSED_MISSES = 20;

/**
 * Why a name missed its entry: the entry's score from `index.screenName` at threshold 0 (limit 1,000), or undefined
 * when even then it is not returned (never a candidate). Costly when the pre-filter is exhaustive at 0 (hundreds of
 * ms): made for the misses shown only.
 */
export function scoreAtZero(index: ScreeningIndex, name: string, schema: EntrySchema, expected: string): number | undefined {
  return index.screenName({ name, schema }, { threshold: 0, limit: 1_000 }).find((m) => keyOf(m.entry) === expected)?.score;
}

/** `listId:entryId` of an alert or entry. */
export const keyOf = (e: { listId: string; entryId: string }): string => `${e.listId}:${e.entryId}`;

/** A short description of an alert for miss lists: `entry name (list:id) via "matched name" 0.912`. */
export function describeAlert(a: AlertCandidate): string {
  return `${a.entryName} (${a.listId}:${a.entryId}) via "${a.matchedName}" ${a.score.toFixed(3)}`;
}
