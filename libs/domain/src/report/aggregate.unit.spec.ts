import { randomUUID } from 'node:crypto';
import { decide, foldReport, initialReportState, type DecidedEvent, type ReportState } from './aggregate';
import type { ClaimInput, ReportCommand, SubmitReportV1, TransferClaimInput } from './commands';
import { ReportRuleError, UnknownMessageTypeError, UnsupportedSchemaVersionError } from './errors';
import { checkReportCommand } from './schema/payloads';
import type { ReportSubmittedV1 } from './events';
import { reportUpcasters, UpcasterRegistry } from './upcasting';

const reportId = randomUUID();
const drones: TransferClaimInput = {
  kind: 'transfer',
  claimId: 'zt-180',
  supplier: { country: 'CN', entity: { name: "Xi'an Bingo Intelligent Aviation Technology", type: 'company' } },
  recipient: { country: 'RU', entity: { name: 'Russian Defense Ministry', type: 'government-body' } },
  assistanceType: 'military',
  item: {
    description: 'kamikaze drones',
    designation: 'ZT-180',
    sipriCategory: 'Aircraft',
    euMilitaryListCategory: 'ML10',
    hsCode: '8807.30.00',
  },
  quantity: { value: 100, unit: 'units', qualifier: 'exact' },
  stage: 'under-negotiation',
  date: { edtf: '[..2023-04]', phrase: 'by April 2023' },
  credibility: 3,
};
const submit = (claims: ClaimInput[] = [drones]): ReportCommand => ({
  type: 'SubmitReport',
  payload: {
    reportId,
    source: { publisher: 'Der Spiegel', title: 'Drones for Russia', publishedOn: '2023-02-23', sourceType: 'news' },
    sourceReliability: 'B',
    claims,
  } satisfies SubmitReportV1,
});

/** Runs commands one after the other, folding their events, as the processor does with a stream. */
function run(...commands: ReportCommand[]): { state: ReportState; events: DecidedEvent[] } {
  const events: DecidedEvent[] = [];
  for (const command of commands) events.push(...decide(command, foldReport(events)));
  return { state: foldReport(events), events };
}

const ruleOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof ReportRuleError) return { code: error.code, path: error.path };
    throw error;
  }
  throw new Error('no rule broken');
};

describe('report aggregate', () => {
  it('submits a report, enriching claims with EDTF bounds, HS-6 and CHPL tier, and CAMEO codes', () => {
    const visit = {
      kind: 'diplomatic-event' as const,
      claimId: 'visit',
      eventType: 'visit',
      participants: [{ country: 'BY', role: 'visitor' as const }],
      date: { edtf: '2023-02-28/2023-03-02' },
      credibility: 2 as const,
    };
    const { events, state } = run(submit([drones, visit]));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ReportSubmitted', schemaVersion: 1 });
    const [transfer, event] = (events[0].payload as ReportSubmittedV1).claims;
    expect(transfer).toMatchObject({
      item: { hsCode: '8807.30.00', hs6: '880730', chplTier: '3.B' },
      date: { edtf: '[..2023-04]', phrase: 'by April 2023', earliest: '-infinity', latest: '2023-04-30', precision: 'open' },
    });
    expect(event).toMatchObject({ cameoCode: '042', date: { earliest: '2023-02-28', latest: '2023-03-02', precision: 'interval' } });
    expect(state).toMatchObject({ reportId, version: 1, retracted: false });
    expect([...state.claims.keys()]).toEqual(['zt-180', 'visit']);
  });

  it('refuses a second submission and duplicate claim ids', () => {
    expect(ruleOf(() => run(submit(), submit()))).toEqual({ code: 'report-already-exists', path: 'reportId' });
    // The report schema refuses a repeated claim id (uniqueClaimIds), as the API does, also when equal only under NFC.
    expect(ruleOf(() => run(submit([drones, drones])))).toEqual({ code: 'invalid-payload', path: 'claims[1].claimId' });
    const nfc = [
      { ...drones, claimId: 'caf\u00e9' },
      { ...drones, claimId: 'cafe\u0301' },
    ];
    expect(ruleOf(() => run(submit(nfc)))).toEqual({ code: 'invalid-payload', path: 'claims[1].claimId' });
  });

  it('addresses a claim by an id equal under NFC, recording the id as stored', () => {
    const amended = { ...drones, claimId: 'cafe\u0301', stage: 'in-production' as const };
    const { state } = run(submit([{ ...drones, claimId: 'caf\u00e9' }]), {
      type: 'AmendClaim',
      payload: { reportId, claim: amended, reason: 'prototypes reported' },
    });
    expect([...state.claims.keys()]).toEqual(['caf\u00e9']);
    expect(state.claims.get('caf\u00e9')).toMatchObject({ claimId: 'caf\u00e9', stage: 'in-production' });
  });

  it('amends a known claim, keeping its kind, and refuses an unknown one', () => {
    const amended = { ...drones, stage: 'in-production' as const };
    const { state } = run(submit(), { type: 'AmendClaim', payload: { reportId, claim: amended, reason: 'prototypes reported' } });
    expect(state.claims.get('zt-180')).toMatchObject({ stage: 'in-production', item: { chplTier: '3.B' } });
    expect(
      ruleOf(() => run(submit(), { type: 'AmendClaim', payload: { reportId, claim: { ...drones, claimId: 'nope' }, reason: 'x' } })),
    ).toEqual({ code: 'unknown-claim', path: 'claim.claimId' });
  });

  it('adds evidence to a known claim once', () => {
    const evidence = {
      evidenceId: randomUUID(),
      claimId: 'zt-180',
      stance: 'denies' as const,
      source: { publisher: 'Der Spiegel', title: 'x', publishedOn: '2023-02-23', sourceType: 'news' as const },
      sourceReliability: 'B' as const,
      statement: 'Bingo Intelligent has no commercial contact with Russia.',
    };
    const add: ReportCommand = { type: 'AddEvidence', payload: { reportId, evidence } };
    expect(run(submit(), add).state.evidenceIds.has(evidence.evidenceId)).toBe(true);
    expect(ruleOf(() => run(submit(), add, add))).toEqual({ code: 'duplicate-evidence-id', path: 'evidence.evidenceId' });
    expect(
      ruleOf(() => run(submit(), { type: 'AddEvidence', payload: { reportId, evidence: { ...evidence, claimId: 'other' } } })),
    ).toMatchObject({ code: 'unknown-claim' });
  });

  it('takes nothing more once retracted, and nothing before it is submitted', () => {
    const retract: ReportCommand = { type: 'RetractReport', payload: { reportId, reason: 'source withdrew the story' } };
    expect(run(submit(), retract).state.retracted).toBe(true);
    expect(ruleOf(() => run(submit(), retract, { type: 'AmendClaim', payload: { reportId, claim: drones, reason: 'x' } }))).toMatchObject({
      code: 'report-retracted',
    });
    expect(ruleOf(() => run(submit(), retract, retract))).toMatchObject({ code: 'report-retracted' });
    expect(ruleOf(() => decide(retract, initialReportState))).toMatchObject({ code: 'unknown-report' });
  });

  it('refuses invalid payloads naming the field and rule', () => {
    const bad = { ...drones, supplier: { country: 'China' }, date: { edtf: 'by April 2023' } } as unknown as TransferClaimInput;
    try {
      run(submit([bad]));
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ReportRuleError);
      expect((error as ReportRuleError & { violations: unknown[] }).violations).toEqual([
        expect.objectContaining({ path: 'claims[0].supplier.country', rule: 'isIso3166Alpha2' }),
        expect.objectContaining({ path: 'claims[0].date.edtf', rule: 'isEdtf' }),
      ]);
    }
    expect(
      ruleOf(() =>
        run(
          submit([
            {
              kind: 'diplomatic-event',
              claimId: 'm',
              eventType: 'meeting',
              cameoCode: '112',
              participants: [{ country: 'CN', role: 'host' }],
              credibility: 2,
            },
          ]),
        ),
      ),
    ).toEqual({ code: 'invalid-payload', path: 'claims[0].cameoCode' });
  });

  it('refuses claims whose fields contradict each other: a CAMEO code off the event type, a transfer within one country, max below min', () => {
    const violationsOf = (claims: ClaimInput[]) => {
      try {
        run(submit(claims));
      } catch (error) {
        return (error as ReportRuleError & { violations: { path: string; rule: string }[] }).violations.map((v) => `${v.path} ${v.rule}`);
      }
      return [];
    };
    const event = {
      kind: 'diplomatic-event' as const,
      claimId: 'm',
      participants: [{ country: 'CN', role: 'host' as const }],
      credibility: 2 as const,
    };
    expect(violationsOf([{ ...event, eventType: 'meeting', cameoCode: '112' }])).toEqual(['claims[0].cameoCode cameoFitsEventType']);
    expect(violationsOf([{ ...event, eventType: 'meeting', cameoCode: '044' }])).toEqual([]);
    expect(violationsOf([{ ...event, eventType: 'other', cameoCode: '112' }])).toEqual([]);
    expect(violationsOf([{ ...event, eventType: 'other' }])).toEqual(['claims[0].cameoCode isString']); // the API reports a missing field as isDefined
    expect(violationsOf([{ ...drones, recipient: { country: 'CN' } }])).toEqual(['claims[0].recipient differsFromSupplier']);
    expect(violationsOf([{ ...drones, quantity: { min: 10, max: 5, unit: 'units', qualifier: 'approximately' } }])).toEqual([
      'claims[0].quantity.max notBelowMin',
    ]);
    expect(violationsOf([{ ...drones, quantity: { min: 5, max: 5, unit: 'units', qualifier: 'approximately' } }])).toEqual([]);
    expect(violationsOf([{ ...drones, quantity: { value: 3, min: 10, max: 50, unit: 'units', qualifier: 'approximately' } }])).toEqual([
      'claims[0].quantity.value withinRange',
    ]);
    expect(
      violationsOf([
        { ...drones, quantity: { value: 1e308, unit: 'units', qualifier: 'exact' }, value: { amount: 2e15, currency: 'USD' } },
      ]),
    ).toEqual(['claims[0].quantity.value max', 'claims[0].value.amount max']);
  });
});

describe('upcasting', () => {
  it('reads an old schema version through the registered steps, one version at a time', () => {
    // A hypothetical history: ReportSubmitted v1 carried the grade as one Admiralty string ("B3"), v2 split it.
    const registry = new UpcasterRegistry({ ReportSubmitted: 3 })
      .register('ReportSubmitted', 1, (p) => {
        const { grade, ...rest } = p as { grade: string };
        return { ...rest, sourceReliability: grade[0], credibility: Number(grade[1]) };
      })
      .register('ReportSubmitted', 2, (p) => ({ ...(p as object), claims: (p as { claims?: unknown[] }).claims ?? [] }));
    expect(registry.upcast('ReportSubmitted', 1, { reportId: 'r', grade: 'B3' })).toEqual({
      schemaVersion: 3,
      payload: { reportId: 'r', sourceReliability: 'B', credibility: 3, claims: [] },
    });
    expect(registry.upcast('ReportSubmitted', 3, { reportId: 'r' })).toEqual({ schemaVersion: 3, payload: { reportId: 'r' } });
  });

  it('refuses unknown types and versions it has no path for', () => {
    expect(() => reportUpcasters.upcast('LaunchMissiles', 1, {})).toThrow(UnknownMessageTypeError);
    expect(() => reportUpcasters.upcast('SubmitReport', 2, {})).toThrow(UnsupportedSchemaVersionError);
    expect(() => new UpcasterRegistry({ ClaimAmended: 3 }).register('ClaimAmended', 2, (p) => p).upcast('ClaimAmended', 1, {})).toThrow(
      UnsupportedSchemaVersionError,
    );
  });

  it('folds stored events through the registry', () => {
    const { events } = run(submit());
    expect(foldReport(events.map((e) => ({ ...e }))).version).toBe(1);
    expect(() => foldReport([{ type: 'ReportSubmitted', schemaVersion: 9, payload: {} }])).toThrow(UnsupportedSchemaVersionError);
  });
});

describe('payload checks: publication dates', () => {
  const withPublishedOn = (publishedOn: string) => ({
    ...submit().payload,
    source: { publisher: 'Der Spiegel', title: 'x', publishedOn, sourceType: 'news' },
  });
  const rules = (publishedOn: string) => checkReportCommand('SubmitReport', withPublishedOn(publishedOn)).map((v) => `${v.path} ${v.rule}`);
  beforeEach(() => jest.useFakeTimers({ now: new Date('2024-06-10T23:30:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('refuses a publication date more than a day in the future (notInFuture), as the API does', () => {
    expect(rules('9999-12-31')).toEqual(['source.publishedOn notInFuture']);
    expect(rules('2024-06-12')).toEqual(['source.publishedOn notInFuture']);
    expect(rules('2024-06-11')).toEqual([]);
    expect(rules('2023-02-23')).toEqual([]);
    expect(
      ruleOf(() => decide({ type: 'SubmitReport', payload: withPublishedOn('9999-12-31') as SubmitReportV1 }, initialReportState)),
    ).toEqual({ code: 'invalid-payload', path: 'source.publishedOn' });
  });
});
