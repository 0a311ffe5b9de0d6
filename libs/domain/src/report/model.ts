/**
 * The report model: what analysts record, in the field's terms (see docs in README "Domain").
 * A report is one source document with the claims extracted from it; claims carry evidence; nothing here is a
 * "fact". Code lists: ISO 3166-1 alpha-2 countries, ISO 4217 currencies, Admiralty (NATO) grading, HS-6 and the
 * Common High Priority List, SIPRI armament categories, EU Common Military List, CAMEO event codes, EDTF dates.
 */
import type { NameParts } from './names';

/** ISO 3166-1 alpha-2, upper case (HK and TW kept apart from CN). */
export type CountryCode = string;

/** Admiralty code, source reliability: A completely reliable … E unreliable, F cannot be judged. */
export type SourceReliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** Admiralty code, information credibility: 1 confirmed by other sources … 5 improbable, 6 cannot be judged. */
export type InformationCredibility = 1 | 2 | 3 | 4 | 5 | 6;

export const SOURCE_TYPES = [
  'news',
  'government',
  'intergovernmental',
  'think-tank',
  'academic',
  'company',
  'customs-record',
  'social-media',
  'other',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** The document a report is taken from. */
export interface SourceDocument {
  publisher: string;
  url?: string;
  title: string;
  /** ISO 8601 date (YYYY-MM-DD). Also the reference date for relative phrases ("last year"). */
  publishedOn: string;
  author?: string;
  sourceType: SourceType;
  /** BCP 47 language tag of the original, e.g. `en`, `de`. */
  language?: string;
}

export const ENTITY_TYPES = ['company', 'government-body', 'armed-forces', 'person', 'organisation', 'vessel', 'aircraft'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A named party below the state level; screened against the sanctions lists. */
export interface Entity {
  name: string;
  type: EntityType;
  /** Names in other scripts or spellings, e.g. `Владимир Путин`. */
  aliases?: string[];
  /** Identifiers by scheme, e.g. `{ inn: '…', ogrn: '…', imo: '…', lei: '…' }`. */
  identifiers?: Record<string, string>;
  /** The entity's address as the source gives it (registered or trading), e.g. `ul. Lenina 5, 220030 Minsk`. */
  address?: string;
  /**
   * A person's `name` in parts (`{ given?, middle?, family?, patronymic? }`, see {@link NameParts}); only for
   * `type: 'person'`. Screening uses them to align the family name with a listed one.
   */
  nameParts?: NameParts;
}

/** A country, optionally narrowed to an entity of it. */
export interface Party {
  country: CountryCode;
  entity?: Entity;
}

/**
 * A date as reported, in EDTF (ISO 8601-2), e.g. `2023-04`, `[..2023-04]` ("by April 2023"),
 * `2023-02-28/2023-03-02`. `earliest`/`latest` (ISO dates, inclusive) are computed from `edtf` for sorting and
 * filtering; seasons are stored as month intervals.
 */
export interface ReportedDate {
  edtf: string;
  /** The words of the source, e.g. "by April 2023". */
  phrase?: string;
  earliest: string;
  latest: string;
  precision: 'day' | 'month' | 'year' | 'interval' | 'open';
}

/** Stages of a transfer, kept apart (Kiel: commitment ≠ allocation ≠ delivery; SIPRI: order ≠ delivery). */
export const TRANSFER_STAGES = [
  'alleged',
  'under-negotiation',
  'agreed-in-principle',
  'pledged',
  'allocated',
  'contracted',
  'in-production',
  'shipped',
  'delivered',
  'observed-in-use',
  'cancelled',
  'suspended',
] as const;
export type TransferStage = (typeof TRANSFER_STAGES)[number];

/** Kind of assistance: economic support is kept apart from military transfers. */
export const ASSISTANCE_TYPES = ['military', 'dual-use', 'economic', 'humanitarian'] as const;
export type AssistanceType = (typeof ASSISTANCE_TYPES)[number];

/** The item transferred, classified in every scheme that applies. */
export interface Item {
  description: string;
  /** Model or type designation, e.g. `ZT-180`, `Su-27`. */
  designation?: string;
  /** SIPRI armament category for major weapons, e.g. `Aircraft`. */
  sipriCategory?: string;
  /** HS code as given (6–10 digits); normalised to 6 digits for the CHPL look-up. */
  hsCode?: string;
  /** The HS-6 subheading of `hsCode`, computed (e.g. `8807.30.00` → `880730`). */
  hs6?: string;
  /** Common High Priority List tier of the HS-6 code (1, 2, 3.A, 3.B, 4.A, 4.B), looked up, never entered. */
  chplTier?: string;
  /** EU Common Military List category, ML1–ML22. */
  euMilitaryListCategory?: string;
  /** Wassenaar/EU dual-use category, 0–9. */
  dualUseCategory?: string;
  /**
   * What the shipment's papers declare the item to be (`DECLARED_USES`), when the source says: e.g. `civil-aviation`
   * for Su-27 parts shipped as civil-aviation spares. An item declared civilian that its codes or the claim's
   * assistance type say is military raises a `misdeclared-goods` alert.
   */
  declaredAs?: DeclaredUse;
}

/** The declarations an item's papers make (`Item.declaredAs`): `civilian` and `civil-aviation` are civilian declarations. */
export const DECLARED_USES = ['civilian', 'civil-aviation', 'dual-use', 'military'] as const;
export type DeclaredUse = (typeof DECLARED_USES)[number];

export const QUANTITY_QUALIFIERS = ['exact', 'approximately', 'at-least', 'at-most', 'per-month'] as const;
export type QuantityQualifier = (typeof QUANTITY_QUALIFIERS)[number];

/** A quantity: `value`, or a range `min`–`max` (each 0…MAX_QUANTITY_OR_AMOUNT), in `unit` (e.g. `units`, `kg`, `rounds`). */
export interface Quantity {
  value?: number;
  min?: number;
  max?: number;
  unit: string;
  qualifier: QuantityQualifier;
}

/** A monetary value in ISO 4217 `currency`. */
export interface MonetaryValue {
  amount: number;
  currency: string;
}

/** A claim that something passed (or will pass) from a supplier to a recipient. */
export interface TransferClaim {
  kind: 'transfer';
  claimId: string;
  supplier: Party;
  recipient: Party;
  intermediaries?: Party[];
  endUser?: Party;
  assistanceType: AssistanceType;
  item: Item;
  quantity?: Quantity;
  value?: MonetaryValue;
  stage: TransferStage;
  date?: ReportedDate;
  credibility: InformationCredibility;
  /** Groups claims about one deal (pledge, then delivery), like SIPRI's deal id. */
  dealKey?: string;
  /** The source's words the claim is extracted from. */
  statement?: string;
}

export const PARTICIPANT_ROLES = ['visitor', 'host', 'participant', 'mediator', 'speaker', 'target'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export interface Participant {
  country: CountryCode;
  /** A person or body acting for the country, e.g. "Alexander Lukashenko". */
  entity?: Entity;
  role: ParticipantRole;
}

/** A claim that a diplomatic event happened, coded with CAMEO (GDELT). */
export interface DiplomaticEventClaim {
  kind: 'diplomatic-event';
  claimId: string;
  /** Internal event type, mapped to `cameoCode` (see the reference library). */
  eventType: string;
  /** CAMEO event code, e.g. `042` make a visit, `043` host a visit, `057` sign formal agreement. */
  cameoCode: string;
  participants: Participant[];
  place?: { country: CountryCode; locality?: string };
  date?: ReportedDate;
  topics?: string[];
  /** E.g. "agreed to deepen cooperation on military personnel training". */
  outcomes?: string[];
  credibility: InformationCredibility;
  statement?: string;
}

export type Claim = TransferClaim | DiplomaticEventClaim;

/** The kinds of claim, `Claim['kind']`. */
export const CLAIM_KINDS = ['transfer', 'diplomatic-event'] as const;

/** How a piece of evidence bears on a claim. `denies` is a denial by the implicated party, not a deletion. */
export const EVIDENCE_STANCES = ['supports', 'confirms', 'contradicts', 'denies', 'qualifies', 'retracts'] as const;
export type EvidenceStance = (typeof EVIDENCE_STANCES)[number];

export interface Evidence {
  evidenceId: string;
  claimId: string;
  stance: EvidenceStance;
  source: SourceDocument;
  sourceReliability: SourceReliability;
  /** Who says it, when it is a party to the claim (e.g. the company denying). */
  attributedTo?: Party;
  statement?: string;
  /** The claim's information credibility after this evidence, when the analyst regrades it. */
  credibilityAfter?: InformationCredibility;
}
