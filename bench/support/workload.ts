import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@tm/event-store';

/**
 * Payloads of the benchmarks, shaped like `examples/reports/04-spiegel-bingo-drones.json` (a news report holding
 * transfer claims, later denied by the supplier), with ids, countries and names varied per report so that the
 * ledgers and directories grow like real data rather than piling onto one key.
 */

const COUNTRIES = ['CN', 'RU', 'BY', 'IR', 'KP', 'UA', 'US', 'DE', 'FR', 'GB', 'TR', 'IN', 'PK', 'SY', 'RS', 'HU'];
const CATEGORIES = ['Aircraft', 'Missiles', 'Armoured vehicles', 'Artillery', 'Sensors', 'Ships', 'Air defence systems', 'Engines'];
const STAGES = ['under-negotiation', 'in-production', 'delivered', 'pledged', 'alleged'] as const;
const PUBLISHERS = ['Der Spiegel', 'Wall Street Journal', 'China Digital Times', 'Reuters', 'Kyiv Independent', 'Nikkei Asia'];

const pick = <T>(list: readonly T[], i: number): T => list[((i % list.length) + list.length) % list.length]!;

function source(i: number) {
  return {
    publisher: pick(PUBLISHERS, i),
    title: `Report ${i} on drone transfers`,
    publishedOn: '2023-02-23',
    sourceType: 'news',
    language: 'en',
  };
}

/** The body of `POST /v1/reports` for report number `i`: three transfer claims. `sanctioned` adds a listed name. */
export function reportBody(i: number, options: { sanctionedName?: string } = {}): Record<string, unknown> {
  const supplier = pick(COUNTRIES, i);
  const recipient = pick(COUNTRIES, i + 1 + (i % 5));
  return {
    source: source(i),
    sourceReliability: pick(['A', 'B', 'C'], i),
    text: options.sanctionedName
      ? `Shipping records show that ${options.sanctionedName} arranged the delivery of drone components.`
      : `Negotiations over the mass production of strike drones, report ${i}. Independent confirmation remains elusive.`,
    claims: [0, 1, 2].map((c) => ({
      kind: 'transfer',
      claimId: `claim-${i}-${c}`,
      supplier: {
        country: supplier,
        entity: { name: options.sanctionedName && c === 0 ? options.sanctionedName : `Supplier Company ${i % 997}`, type: 'company' },
      },
      recipient: { country: recipient === supplier ? 'RU' : recipient, entity: { name: 'Defense Ministry', type: 'government-body' } },
      assistanceType: 'military',
      item: {
        description: `strike drones lot ${c}`,
        designation: `ZT-${100 + (i % 90)}`,
        sipriCategory: pick(CATEGORIES, i + c),
        euMilitaryListCategory: 'ML10',
      },
      quantity: { value: 10 + (i % 90), unit: 'units', qualifier: 'exact' },
      stage: pick(STAGES, i + c),
      date: { edtf: '2023-02', phrase: 'last month' },
      credibility: 3,
    })),
  };
}

/**
 * The four events a report stream holds once submitted and contested (as the processor stores them, with the
 * dates enriched): `ReportSubmitted` with the three claims of {@link reportBody}, then three `EvidenceAdded`.
 */
export function reportEvents(i: number, reportId = randomUUID()): { streamId: string; reportId: string; events: NewEvent[] } {
  const body = reportBody(i) as { claims: Record<string, unknown>[]; source: unknown; sourceReliability: string; text: string };
  const claims = body.claims.map((c) => ({
    ...c,
    date: { edtf: '2023-02', phrase: 'last month', earliest: '2023-02-01', latest: '2023-02-28', precision: 'month' },
  }));
  const metadata = { correlationId: `bench-${i}`, actor: 'bench', commandId: randomUUID() };
  const events: NewEvent[] = [
    {
      type: 'ReportSubmitted',
      schemaVersion: 1,
      payload: { reportId, source: body.source, sourceReliability: body.sourceReliability, text: body.text, claims },
      metadata,
    },
    ...[0, 1, 2].map((c) => ({
      type: 'EvidenceAdded',
      schemaVersion: 1,
      payload: {
        reportId,
        evidence: {
          evidenceId: `ev-${i}-${c}`,
          claimId: `claim-${i}-${c}`,
          stance: pick(['supports', 'denies', 'contradicts', 'confirms'] as const, i + c),
          source: source(i + 3),
          sourceReliability: 'B',
          statement: 'The company said it has no commercial contact with the recipient.',
          ...(c === 2 ? { credibilityAfter: 4 } : {}),
        },
      },
      metadata,
    })),
  ];
  return { streamId: `report-${reportId}`, reportId, events };
}
