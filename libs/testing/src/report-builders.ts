import type { DiplomaticEventClaim, Evidence, EvidenceStance, InformationCredibility, SourceDocument, TransferClaim } from '@tm/domain';

/** Builders of report payloads for tests: a source document, transfer and diplomatic-event claims, evidence, with defaults to override. */

export function source(publisher: string, publishedOn = '2023-03-03'): SourceDocument {
  return { publisher, title: `${publisher} report`, publishedOn, sourceType: 'news', language: 'en' };
}

export function transfer(claimId: string, overrides: Partial<TransferClaim> = {}): TransferClaim {
  return {
    kind: 'transfer',
    claimId,
    supplier: { country: 'CN' },
    recipient: { country: 'RU' },
    assistanceType: 'military',
    item: { description: 'strike drones', sipriCategory: 'Aircraft' },
    quantity: { value: 10, unit: 'units', qualifier: 'exact' },
    stage: 'delivered',
    date: { edtf: '2023-02', earliest: '2023-02-01', latest: '2023-02-28', precision: 'month' },
    credibility: 3,
    ...overrides,
  };
}

export function diplomatic(claimId: string, overrides: Partial<DiplomaticEventClaim> = {}): DiplomaticEventClaim {
  return {
    kind: 'diplomatic-event',
    claimId,
    eventType: 'visit',
    cameoCode: '042',
    participants: [
      { country: 'BY', role: 'visitor', entity: { name: 'Alexander Lukashenko', type: 'person' } },
      { country: 'CN', role: 'host', entity: { name: 'Xi Jinping', type: 'person' } },
    ],
    place: { country: 'CN', locality: 'Beijing' },
    date: { edtf: '2023-02-28/2023-03-02', earliest: '2023-02-28', latest: '2023-03-02', precision: 'interval' },
    outcomes: ['agreed to deepen cooperation on military personnel training'],
    credibility: 2,
    ...overrides,
  };
}

let evidenceCounter = 0;

export function evidence(
  claimId: string,
  stance: EvidenceStance,
  publisher: string,
  credibilityAfter?: InformationCredibility,
  extra: Partial<Evidence> = {},
): Evidence {
  evidenceCounter += 1;
  return {
    evidenceId: `ev-${evidenceCounter}`,
    claimId,
    stance,
    source: source(publisher),
    sourceReliability: 'B',
    ...(credibilityAfter ? { credibilityAfter } : {}),
    ...extra,
  };
}
