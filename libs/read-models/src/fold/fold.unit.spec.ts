import { foldEntities } from './entities';
import { itemCategoryOf, chplTierOf } from './item-category';
import { foldLedger } from './ledger';
import { applyReportEvent, foldReport, ProjectionRuleError, type FoldableEvent } from './report-state';
import { timelineEntriesOf } from './timeline';
import { diplomatic, evidence, source, transfer } from '@tm/testing';

let position = 0;
function event(type: string, payload: unknown, version: number): FoldableEvent {
  position += 1;
  return { type, payload, version, globalPosition: position, recordedAt: new Date(Date.UTC(2023, 2, 1, 0, 0, position)) };
}

const submitted = (reportId: string, publisher: string, claims: unknown[]) =>
  event('ReportSubmitted', { reportId, source: source(publisher), sourceReliability: 'B', claims }, 1);

describe('report fold', () => {
  it('starts every claim active with its own credibility and its report source as the one publisher', () => {
    const state = foldReport([submitted('r1', 'Der Spiegel', [transfer('c1', { credibility: 4 })])])!;
    expect(state.claims[0]).toMatchObject({ status: 'active', credibility: 4, publishers: ['Der Spiegel'] });
  });

  it('marks a claim denied by the implicated party, keeps it, and regrades it', () => {
    const state = foldReport([
      submitted('r1', 'Der Spiegel', [transfer('c1')]),
      event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c1', 'denies', 'Bingo Intelligent', 5) }, 2),
    ])!;
    expect(state.claims[0]).toMatchObject({ status: 'denied', credibility: 5 });
    expect(state.claims[0].evidence).toHaveLength(1);
  });

  it('ranks statuses retracted > denied > disputed > active, whatever the order of the evidence', () => {
    const base = submitted('r1', 'WSJ', [transfer('c1')]);
    const contradicted = applyReportEvent(
      foldReport([base]),
      event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c1', 'contradicts', 'X') }, 2),
    );
    expect(contradicted.claims[0].status).toBe('disputed');
    const denied = applyReportEvent(contradicted, event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c1', 'denies', 'Y') }, 3));
    expect(denied.claims[0].status).toBe('denied');
    const supported = applyReportEvent(denied, event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c1', 'supports', 'Z') }, 4));
    expect(supported.claims[0].status).toBe('denied');
    const retracted = applyReportEvent(
      supported,
      event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c1', 'retracts', 'WSJ') }, 5),
    );
    expect(retracted.claims[0].status).toBe('retracted');
  });

  it('counts distinct publishers of supporting and confirming evidence as independent sources, not denials', () => {
    const state = foldReport([
      submitted('r1', 'The Wall Street Journal', [transfer('c1')]),
      event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c1', 'supports', 'Der Spiegel') }, 2),
      event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c1', 'confirms', '  the wall street  journal ') }, 3),
      event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c1', 'denies', 'Bingo') }, 4),
    ])!;
    expect(state.claims[0].publishers).toEqual(['The Wall Street Journal', 'Der Spiegel']);
  });

  it('replaces an amended claim whole, taking its credibility, and records the reason', () => {
    const state = foldReport([
      submitted('r1', 'WSJ', [transfer('c1', { credibility: 3 })]),
      event('ClaimAmended', { reportId: 'r1', claim: transfer('c1', { stage: 'shipped', credibility: 2 }), reason: 'customs records' }, 2),
    ])!;
    expect(state.claims[0]).toMatchObject({ credibility: 2, claim: { stage: 'shipped' }, amendments: [{ reason: 'customs records' }] });
  });

  it('retracts every claim of a retracted report; later amendments leave them retracted', () => {
    const state = foldReport([
      submitted('r1', 'WSJ', [transfer('c1'), transfer('c2')]),
      event('ReportRetracted', { reportId: 'r1', reason: 'fabricated' }, 2),
      event('ClaimAmended', { reportId: 'r1', claim: transfer('c1', { stage: 'pledged' }), reason: 'typo' }, 3),
    ])!;
    expect(state).toMatchObject({ status: 'retracted', retractionReason: 'fabricated' });
    expect(state.claims.map((c) => c.status)).toEqual(['retracted', 'retracted']);
  });

  it('refuses events that do not fit: unknown claim, event before submission, second submission, unknown type', () => {
    const state = foldReport([submitted('r1', 'WSJ', [transfer('c1')])]);
    expect(() => applyReportEvent(state, event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c9', 'supports', 'X') }, 2))).toThrow(
      ProjectionRuleError,
    );
    expect(() => applyReportEvent(undefined, event('ReportRetracted', { reportId: 'r1', reason: 'x' }, 1))).toThrow(
      /before ReportSubmitted/,
    );
    expect(() => applyReportEvent(state, submitted('r1', 'WSJ', []))).toThrow(/already submitted/);
    expect(() => applyReportEvent(state, event('ReportRenamed', {}, 2))).toThrow(/unknown report event type/);
  });

  it('refuses claims whose quantities or amounts the ledger sums cannot hold (stored before the API bounded them)', () => {
    expect(() =>
      foldReport([submitted('r1', 'WSJ', [transfer('c1', { quantity: { value: 1e308, unit: 'units', qualifier: 'exact' } })])]),
    ).toThrow(/quantity.value 1e\+308/);
    const state = foldReport([submitted('r1', 'WSJ', [transfer('c1')])]);
    const amended = event(
      'ClaimAmended',
      { reportId: 'r1', claim: transfer('c1', { value: { amount: Number.POSITIVE_INFINITY, currency: 'USD' } }), reason: 'x' },
      2,
    );
    expect(() => applyReportEvent(state, amended)).toThrow(ProjectionRuleError);
  });

  it('refuses what the read models cannot hold as sent, stored before the report schema refused it: a year-0 publication, a bare 12345 dated 1970', () => {
    const yearZero = event(
      'ReportSubmitted',
      { reportId: 'r1', source: source('WSJ', '0000-01-01'), sourceReliability: 'B', claims: [transfer('c1')] },
      1,
    );
    expect(() => foldReport([yearZero])).toThrow(/source.publishedOn 0000-01-01/);
    const unixTime = { edtf: '12345', earliest: '1970-01-01', latest: '1970-01-01', precision: 'day' as const };
    expect(() => foldReport([submitted('r1', 'WSJ', [diplomatic('d1', { date: unixTime })])])).toThrow(/date.edtf "12345"/);
    const state = foldReport([submitted('r1', 'WSJ', [transfer('c1')])]);
    expect(() =>
      applyReportEvent(state, event('ClaimAmended', { reportId: 'r1', claim: transfer('c1', { date: unixTime }), reason: 'x' }, 2)),
    ).toThrow(ProjectionRuleError);
    expect(
      foldReport([
        submitted('r1', 'WSJ', [
          transfer('c1', { date: { edtf: '2023-04', earliest: '2023-04-01', latest: '2023-04-30', precision: 'month' } }),
        ]),
      ])!.claims,
    ).toHaveLength(1);
  });
});

describe('claim dates stored by an older EDTF parser', () => {
  it('holds a set with the bounds its EDTF names: [2023-01..2023-03] stored ending 2023-01-31 ends 2023-03-31', () => {
    const stored = { edtf: '[2023-01..2023-03]', earliest: '2023-01-01', latest: '2023-01-31', precision: 'interval' as const };
    const [claim] = foldReport([submitted('r1', 'WSJ', [transfer('c1', { date: stored })])])!.claims;
    expect(claim.claim.date).toEqual({ ...stored, latest: '2023-03-31' });
  });
});

describe('ledger fold', () => {
  const claimsOf = (...events: FoldableEvent[]) => foldReport(events)!.claims;

  it('counts a transfer on both sides and keeps stages and assistance types apart', () => {
    const rows = foldLedger(
      claimsOf(
        submitted('r1', 'WSJ', [
          transfer('c1', { stage: 'pledged', quantity: { value: 100, unit: 'units', qualifier: 'exact' } }),
          transfer('c2', { stage: 'delivered', quantity: { value: 20, unit: 'units', qualifier: 'exact' } }),
          transfer('c3', {
            assistanceType: 'economic',
            item: { description: 'credit line' },
            quantity: undefined,
            value: { amount: 1_000_000, currency: 'USD' },
          }),
        ]),
      ),
    );
    expect(rows.map((r) => `${r.country}:${r.direction}:${r.assistanceType}:${r.stage}`)).toEqual([
      'CN:supplier:economic:delivered',
      'CN:supplier:military:delivered',
      'CN:supplier:military:pledged',
      'RU:recipient:economic:delivered',
      'RU:recipient:military:delivered',
      'RU:recipient:military:pledged',
    ]);
    expect(rows.find((r) => r.country === 'RU' && r.stage === 'pledged')!.quantities).toEqual([
      { unit: 'units', min: 100, max: 100, claims: 1, openEnded: false },
    ]);
    expect(rows.find((r) => r.assistanceType === 'economic')!.values).toEqual([{ currency: 'USD', amount: 1_000_000 }]);
  });

  it("folds one country's rows alone exactly as they are among every country's", () => {
    const claims = [
      ...claimsOf(submitted('r1', 'WSJ', [transfer('c1', { stage: 'pledged' }), transfer('c2', { stage: 'delivered' })])),
      ...claimsOf(submitted('r2', 'Reuters', [transfer('c1', { supplier: { country: 'BY' }, recipient: { country: 'CN' } })])),
    ];
    for (const country of ['CN', 'RU', 'BY', 'US'])
      expect(foldLedger(claims, country)).toEqual(foldLedger(claims).filter((r) => r.country === country));
  });

  it('sums quantities per unit and values per currency, takes date bounds, best/worst credibility and CHPL tiers', () => {
    const rows = foldLedger(
      claimsOf(
        submitted('r1', 'WSJ', [
          transfer('c1', {
            item: { description: 'navigation equipment', hsCode: '8526.91.00' },
            quantity: { min: 5, max: 10, unit: 'units', qualifier: 'approximately' },
            credibility: 2,
            value: { amount: 5, currency: 'USD' },
          }),
          transfer('c2', {
            item: { description: 'GNSS receivers', hsCode: '852691' },
            quantity: { value: 7, unit: 'units', qualifier: 'at-least' },
            credibility: 4,
            date: { edtf: '2022', earliest: '2022-01-01', latest: '2022-12-31', precision: 'year' },
          }),
          transfer('c3', {
            item: { description: 'GNSS modules', hsCode: '852691' },
            quantity: { value: 3, unit: 'kg', qualifier: 'exact' },
            value: { amount: 2, currency: 'CNY' },
          }),
        ]),
      ),
    ).filter((r) => r.direction === 'supplier');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      itemCategory: 'navigation-and-radar',
      claimCount: 3,
      quantities: [
        { unit: 'kg', min: 3, max: 3, claims: 1, openEnded: false },
        { unit: 'units', min: 12, max: 17, claims: 2, openEnded: true },
      ],
      values: [
        { currency: 'CNY', amount: 2 },
        { currency: 'USD', amount: 5 },
      ],
      earliest: '2022-01-01',
      latest: '2023-02-28',
      bestCredibility: 2,
      worstCredibility: 4,
      chplTiers: ['2'],
      independentSources: 1,
      reportIds: ['r1'],
      claimRefs: ['r1/c1', 'r1/c2', 'r1/c3'],
    });
  });

  it('gives denied and retracted claims rows of their own instead of summing them with standing ones', () => {
    const claims = [
      ...claimsOf(
        submitted('r1', 'Der Spiegel', [transfer('c1', { stage: 'under-negotiation' })]),
        event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c1', 'denies', 'Bingo') }, 2),
      ),
      ...claimsOf(submitted('r2', 'Politico', [transfer('c1', { stage: 'under-negotiation' })])),
      ...claimsOf(
        submitted('r3', 'Blog', [transfer('c1', { stage: 'under-negotiation' })]),
        event('ReportRetracted', { reportId: 'r3', reason: 'x' }, 2),
      ),
    ];
    const rows = foldLedger(claims).filter((r) => r.direction === 'recipient');
    expect(rows.map((r) => [r.status, r.claimCount, r.quantities[0].max])).toEqual([
      ['active', 1, 10],
      ['denied', 1, 10],
      ['retracted', 1, 10],
    ]);
  });

  it('counts independent sources across the claims of a row', () => {
    const claims = [
      ...claimsOf(
        submitted('r1', 'WSJ', [transfer('c1')]),
        event('EvidenceAdded', { reportId: 'r1', evidence: evidence('c1', 'supports', 'Der Spiegel') }, 2),
      ),
      ...claimsOf(submitted('r2', 'der spiegel', [transfer('c1')])),
    ];
    expect(foldLedger(claims)[0].independentSources).toBe(2);
  });
});

describe('item categories', () => {
  it('prefer SIPRI, then the EU Military List, then HS headings, then dual-use', () => {
    expect(itemCategoryOf({ description: 'x', sipriCategory: 'Air defence systems', hsCode: '880730' })).toBe('air-defence-systems');
    expect(itemCategoryOf({ description: 'x', euMilitaryListCategory: 'ML10' })).toBe('ml10');
    expect(itemCategoryOf({ description: 'x', hsCode: '880730' })).toBe('aircraft-parts');
    expect(itemCategoryOf({ description: 'x', hsCode: '7308' })).toBe('hs-73');
    expect(itemCategoryOf({ description: 'x', dualUseCategory: '7' })).toBe('dual-use-7');
    expect(itemCategoryOf({ description: 'x' })).toBe('unclassified');
  });

  it('look up the CHPL tier from an 8–10 digit HS code when none is recorded', () => {
    expect(chplTierOf({ description: 'x', hsCode: '8542.31.0000' })).toBe('1');
    expect(chplTierOf({ description: 'x', hsCode: '940190' })).toBeUndefined();
  });
});

describe('timeline and entity folds', () => {
  it('puts a diplomatic event in each participant country’s timeline with CAMEO label and Goldstein score', () => {
    const [state] = foldReport([submitted('r1', 'WSJ', [diplomatic('d1')])])!.claims;
    const entries = timelineEntriesOf(state);
    expect(entries.map((e) => e.country)).toEqual(['BY', 'CN']);
    expect(entries[0]).toMatchObject({
      cameoCode: '042',
      cameoLabel: 'Make a visit',
      quadClass: 1,
      goldstein: 1.9,
      outcomes: ['agreed to deepen cooperation on military personnel training'],
    });
  });

  it('lists every named party once with its countries and counts, including those named in evidence', () => {
    const claims = foldReport([
      submitted('r1', 'Der Spiegel', [
        transfer('c1', { supplier: { country: 'CN', entity: { name: 'Xi’an Bingo Intelligent Aviation Technology', type: 'company' } } }),
        diplomatic('d1'),
      ]),
      event(
        'EvidenceAdded',
        {
          reportId: 'r1',
          evidence: evidence('c1', 'denies', 'Bingo', undefined, {
            attributedTo: { country: 'CN', entity: { name: 'xi’an bingo intelligent aviation technology', type: 'company' } },
          }),
        },
        2,
      ),
    ])!.claims;
    const entities = foldEntities(claims);
    expect(entities.map((e) => [e.name, e.claimCount, e.countries])).toEqual([
      ['Alexander Lukashenko', 1, ['BY']],
      ['Xi Jinping', 1, ['CN']],
      ['Xi’an Bingo Intelligent Aviation Technology', 1, ['CN']],
    ]);
  });
});
