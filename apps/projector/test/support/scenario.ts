import type { Claim, ReportEvent, TransferClaim } from '@tm/domain';
import { diplomatic, evidence, source, transfer } from '@tm/testing';

/**
 * A sequence of reports modelled on the seed article (customs records of Chinese shipments, Der Spiegel's drone
 * negotiations and Bingo's denial, Iranian drones and missiles, Belarus' territory), with an amendment, a denial,
 * supporting evidence and a retraction; and, computed from these inputs without the projection's fold, what each
 * ledger must hold.
 */
export function scenario(prefix: string): { reportId: string; events: ReportEvent[] }[] {
  const id = (s: string) => `${prefix}-${s}`;
  const submitted = (reportId: string, publisher: string, claims: Claim[]): ReportEvent => ({
    type: 'ReportSubmitted',
    payload: { reportId, source: source(publisher), sourceReliability: 'B', claims },
  });
  return [
    {
      reportId: id('wsj'),
      events: [
        submitted(id('wsj'), 'The Wall Street Journal', [
          transfer('a1', {
            item: { description: 'navigation equipment', hsCode: '852691' },
            stage: 'shipped',
            quantity: { value: 12, unit: 'units', qualifier: 'exact' },
            value: { amount: 1_500_000, currency: 'USD' },
          }),
          transfer('a2', {
            item: { description: 'jamming technology', hsCode: '854370' },
            stage: 'shipped',
            quantity: { value: 3, unit: 'units', qualifier: 'exact' },
          }),
          transfer('a3', {
            item: { description: 'jet-fighter parts', hsCode: '880730' },
            stage: 'shipped',
            quantity: { value: 40, unit: 'units', qualifier: 'exact' },
          }),
        ]),
      ],
    },
    {
      reportId: id('spiegel'),
      events: [
        submitted(id('spiegel'), 'Der Spiegel', [
          transfer('b1', {
            supplier: { country: 'CN', entity: { name: 'Xi’an Bingo Intelligent Aviation Technology', type: 'company' } },
            recipient: { country: 'RU', entity: { name: 'Russian Ministry of Defence', type: 'government-body' } },
            item: { description: 'kamikaze drones', designation: 'ZT-180', sipriCategory: 'Aircraft' },
            stage: 'under-negotiation',
            quantity: { value: 100, unit: 'units', qualifier: 'exact' },
          }),
          transfer('b2', {
            item: { description: 'Su-27 replacement parts', hsCode: '880730' },
            stage: 'agreed-in-principle',
            quantity: undefined,
            credibility: 4,
          }),
        ]),
      ],
    },
    {
      reportId: id('politico'),
      events: [
        submitted(id('politico'), 'Politico', [
          transfer('c1', {
            supplier: { country: 'IR' },
            item: { description: 'drones', sipriCategory: 'Aircraft' },
            quantity: { value: 20, unit: 'units', qualifier: 'exact' },
            credibility: 2,
          }),
          transfer('c2', {
            supplier: { country: 'IR' },
            item: { description: 'missiles', sipriCategory: 'Missiles' },
            quantity: undefined,
            credibility: 2,
          }),
        ]),
      ],
    },
    {
      reportId: id('cdt'),
      events: [
        submitted(id('cdt'), 'China Digital Times', [
          transfer('d1', {
            supplier: { country: 'BY' },
            item: { description: 'use of territory for the invasion' },
            quantity: undefined,
            credibility: 2,
          }),
          transfer('d2', {
            supplier: { country: 'CN' },
            recipient: { country: 'BY' },
            assistanceType: 'economic',
            item: { description: 'economic support' },
            quantity: undefined,
            value: { amount: 500_000_000, currency: 'USD' },
            stage: 'pledged',
            credibility: 4,
          }),
          diplomatic('d3'),
        ]),
      ],
    },
    {
      reportId: id('tabloid'),
      events: [
        submitted(id('tabloid'), 'Tabloid', [
          transfer('e1', {
            supplier: { country: 'IR' },
            item: { description: 'missiles', sipriCategory: 'Missiles' },
            quantity: { value: 1000, unit: 'units', qualifier: 'exact' },
            credibility: 5,
          }),
        ]),
      ],
    },
    // Later knowledge: an amendment, supporting evidence, a denial by the implicated company, a retraction.
    {
      reportId: id('politico'),
      events: [
        {
          type: 'ClaimAmended',
          payload: {
            reportId: id('politico'),
            claim: transfer('c1', {
              supplier: { country: 'IR' },
              item: { description: 'drones', sipriCategory: 'Aircraft' },
              quantity: { value: 25, unit: 'units', qualifier: 'exact' },
              credibility: 2,
            }),
            reason: 'corrected count',
          },
        },
      ],
    },
    {
      reportId: id('wsj'),
      events: [{ type: 'EvidenceAdded', payload: { reportId: id('wsj'), evidence: evidence('a1', 'supports', 'Reuters', 2) } }],
    },
    {
      reportId: id('spiegel'),
      events: [
        {
          type: 'EvidenceAdded',
          payload: {
            reportId: id('spiegel'),
            evidence: evidence('b1', 'denies', 'Xi’an Bingo Intelligent Aviation Technology', 4, {
              statement: 'Bingo Intelligent has no commercial contact with Russia.',
              attributedTo: { country: 'CN' },
            }),
          },
        },
      ],
    },
    { reportId: id('tabloid'), events: [{ type: 'ReportRetracted', payload: { reportId: id('tabloid'), reason: 'no sourcing' } }] },
  ];
}

/** A ledger row reduced to what the test computes from the inputs. */
export interface ExpectedRow {
  country: string;
  direction: 'supplier' | 'recipient';
  counterparty: string;
  assistanceType: string;
  stage: string;
  status: string;
  description: string[];
  claimCount: number;
  units?: number;
  usd?: number;
}

/**
 * The ledger rows of `country`, computed from the scenario's inputs with plain bookkeeping: the last version of
 * each claim counts, a denial marks it denied, a retracted report marks its claims retracted. Rows are told apart by
 * counterparty, assistance type, stage, status and item descriptions (the scenario gives each category distinct
 * descriptions), so the check does not reuse the projection's category rules.
 */
export function expectedLedger(steps: ReturnType<typeof scenario>, country: string): ExpectedRow[] {
  const claims = new Map<string, { claim: TransferClaim; status: string }>();
  for (const { reportId, events } of steps) {
    for (const event of events) {
      if (event.type === 'ReportSubmitted')
        for (const c of event.payload.claims)
          if (c.kind === 'transfer') claims.set(`${reportId}/${c.claimId}`, { claim: c, status: 'active' });
      if (event.type === 'ClaimAmended' && event.payload.claim.kind === 'transfer')
        claims.get(`${reportId}/${event.payload.claim.claimId}`)!.claim = event.payload.claim;
      if (event.type === 'EvidenceAdded' && event.payload.evidence.stance === 'denies')
        claims.get(`${reportId}/${event.payload.evidence.claimId}`)!.status = 'denied';
      if (event.type === 'ReportRetracted') for (const [key, c] of claims) if (key.startsWith(`${reportId}/`)) c.status = 'retracted';
    }
  }
  const rows = new Map<string, ExpectedRow>();
  for (const { claim, status } of claims.values()) {
    for (const direction of ['supplier', 'recipient'] as const) {
      const own = direction === 'supplier' ? claim.supplier.country : claim.recipient.country;
      if (own !== country) continue;
      const counterparty = direction === 'supplier' ? claim.recipient.country : claim.supplier.country;
      const group = GROUPS.find((g) => g.includes(claim.item.description)) ?? [claim.item.description];
      const key = [direction, counterparty, claim.assistanceType, claim.stage, status, group.join('+')].join('|');
      const row = rows.get(key) ?? {
        country,
        direction,
        counterparty,
        assistanceType: claim.assistanceType,
        stage: claim.stage,
        status,
        description: [],
        claimCount: 0,
      };
      row.claimCount += 1;
      if (!row.description.includes(claim.item.description)) row.description.push(claim.item.description);
      if (claim.quantity?.unit === 'units') row.units = (row.units ?? 0) + claim.quantity.value!;
      if (claim.value?.currency === 'USD') row.usd = (row.usd ?? 0) + claim.value.amount;
      rows.set(key, row);
    }
  }
  return [...rows.values()].map((r) => ({ ...r, description: r.description.sort() })).sort(compareRows);
}

/** Items the scenario files under one category (both are aircraft parts by HS code). */
const GROUPS = [['jet-fighter parts', 'Su-27 replacement parts']];

export function compareRows(a: ExpectedRow, b: ExpectedRow): number {
  const ka = JSON.stringify([a.direction, a.counterparty, a.assistanceType, a.stage, a.status, a.description]);
  const kb = JSON.stringify([b.direction, b.counterparty, b.assistanceType, b.stage, b.status, b.description]);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A projected ledger row (as stored or served) reduced to the {@link ExpectedRow} shape. */
export function reduceRow(row: {
  country: string;
  direction: 'supplier' | 'recipient';
  counterparty: string;
  assistanceType: string;
  stage: string;
  status: string;
  items: string[];
  claimCount: number;
  quantities: { unit: string; max: number }[];
  values: { currency: string; amount: number }[];
}): ExpectedRow {
  const units = row.quantities.find((q) => q.unit === 'units')?.max;
  const usd = row.values.find((v) => v.currency === 'USD')?.amount;
  return {
    country: row.country,
    direction: row.direction,
    counterparty: row.counterparty,
    assistanceType: row.assistanceType,
    stage: row.stage,
    status: row.status,
    description: row.items.map((i) => i.replace(/ \(.*\)$/, '')).sort(),
    claimCount: row.claimCount,
    ...(units === undefined ? {} : { units }),
    ...(usd === undefined ? {} : { usd }),
  };
}
