import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { alertIdFor, alertStreamId, foldAlert, type DiversionBasisV1, type ReportCommand } from '@tm/domain';
import { inTransaction, readStream } from '@tm/event-store';
import { dataPath } from '@tm/screening';
import { transfer } from '@tm/testing';
import { appendAlertReview } from '../../processor/src/sanctions/alert-review';
import { AlertWriter } from '../src/screening/alert-writer.service';
import { DiversionService } from '../src/screening/diversion.service';
import { runReportCommand, submitExample, useScreeningStack, writePutinAndLukashenko } from './support';

interface AlertRow {
  alert_id: string;
  report_id: string;
  claim_id: string;
  kind: string;
  status: string;
  review_status: string | null;
  review_reason: string | null;
  superseded_reason: string | null;
  programs: string[];
  countries: string[];
  basis: { diversion: DiversionBasisV1 };
}

/** A report of one transfer of `hsCode` from `from` to `to` in `edtf`. */
const flow = (from: string, to: string, hsCode: string, edtf: string) => ({
  source: { publisher: 'Analyst desk', title: `${from} to ${to}, ${hsCode}, ${edtf}`, publishedOn: '2024-06-01', sourceType: 'news' },
  sourceReliability: 'C',
  claims: [
    {
      ...transfer(`${from.toLowerCase()}-${to.toLowerCase()}`, {
        supplier: { country: from as 'CN' },
        recipient: { country: to as 'RU' },
        assistanceType: 'dual-use',
        item: { description: 'radio navigation receivers', hsCode },
      }),
      date: { edtf },
    },
  ],
});

/**
 * Issue 17 part 2, end to end on real PostgreSQL and Kafka: the article's pattern (CN → BY, then BY → RU of the same
 * HS-6 code) raises exactly one possible-diversion alert citing both claims, whichever report arrives first; a
 * transfer outside the window or to a country no program targets raises none; a rebuild of the legs from the event
 * store gives the same alerts. Many claims on one route raise one alert for the route (not one per pair), with the
 * same id and basis whatever order they arrive in; a retraction decides the route again. The targeted countries come from the imported list (Putin under RUSSIA-EO14024 for RU,
 * Lukashenko under BELARUS for BY; one entry suffices here: DIVERSION_PROGRAM_MIN_ENTRIES=1).
 */
describe('screening: possible-diversion alerts (real PostgreSQL and Kafka)', () => {
  const stack = useScreeningStack('tm-diversion-', writePutinAndLukashenko, {
    DIVERSION_PROGRAM_MIN_ENTRIES: '1',
    DIVERSION_WINDOW_DAYS: '180',
  });
  let pool: Pool;
  const settled = () => stack.apps.settled();
  const diversionAlerts = async () =>
    (await pool.query<AlertRow>(`SELECT * FROM alerts WHERE kind = 'possible-diversion' ORDER BY alert_id`)).rows;

  beforeAll(async () => {
    pool = stack.pool;
    await stack.importVersion('ofac-sdn', ['sdn.csv', 'add.csv'], '2024-05-03');
  }, 90_000);

  it('raises exactly one alert citing both claims, whichever arrives first, and none outside the window or the targets', async () => {
    // In order: CN → BY in January, BY → RU in March (HS 852691).
    const inOrder = [
      await submitExample(pool, flow('CN', 'BY', '852691', '2023-01')),
      await submitExample(pool, flow('BY', 'RU', '852691', '2023-03')),
    ];
    // Reversed: BY → RU reported first (HS 880730), CN → BY afterwards.
    const onwardFirst = await submitExample(pool, flow('BY', 'RU', '880730', '2023-06'));
    const firstLater = await submitExample(pool, flow('CN', 'BY', '880730', '2023-05'));
    // Not: a year after (window 180 days), to Kazakhstan (no program targets KZ), a different HS-6 code.
    await submitExample(pool, flow('BY', 'RU', '852691', '2024-03'));
    await submitExample(pool, flow('BY', 'KZ', '852691', '2023-02'));
    await submitExample(pool, flow('BY', 'RU', '850440', '2023-02'));
    await settled();

    const alerts = await diversionAlerts();
    expect(alerts).toHaveLength(2);
    const byCategory = new Map(alerts.map((a) => [a.basis.diversion.category, a]));
    for (const [category, [first, onward]] of [
      ['hs6:852691', inOrder],
      ['hs6:880730', [firstLater, onwardFirst]],
    ] as const) {
      const alert = byCategory.get(category)!;
      expect(alert).toMatchObject({
        kind: 'possible-diversion',
        status: 'open',
        report_id: onward,
        programs: ['RUSSIA-EO14024'],
        countries: ['BY', 'CN', 'RU'],
      });
      expect(alert.basis.diversion).toMatchObject({ path: 'CN → BY → RU', windowDays: 180 });
      expect(alert.basis.diversion.claims.map((c) => [c.role, c.reportId])).toEqual([
        ['first', first],
        ['onward', onward],
      ]);
      expect(alert.basis.diversion.notes.join('\n')).toMatch(
        /RU is the target of RUSSIA-EO14024 \(ofac-sdn\): 1 of the program's 1 entry countries \(100 %\); BY is not/,
      );
    }

    // A rebuild of the legs from the event store decides the same diversions: no new alert, no new event.
    expect(await stack.apps.screening.get(DiversionService).rebuild({ correlationId: 'test-rebuild' })).toEqual({
      legs: 7,
      diversions: 2,
      surges: 0,
    });
    expect((await diversionAlerts()).map((a) => a.alert_id)).toEqual(alerts.map((a) => a.alert_id));
    for (const a of alerts) expect((await readStream(pool, alertStreamId(a.alert_id))).events.map((e) => e.type)).toEqual(['AlertRaised']);
  }, 120_000);

  /** The route alert's basis with each claim as its flow's index in `reports` (report ids differ between runs). */
  const shape = (d: DiversionBasisV1, reports: string[]) => ({
    ...d,
    category: '*',
    notes: d.notes.map((n) => n.replace(d.category, '*')),
    claims: d.claims.map((c) => ({ ...c, reportId: reports.indexOf(c.reportId), item: { ...c.item, hs6: '*' } })),
  });
  const routeId = (key: string) => alertIdFor('', '', 'possible-diversion', `diversion:${key}`);
  const retract = (reportId: string) =>
    runReportCommand(pool, { type: 'RetractReport', payload: { reportId, reason: 'source withdrawn' } } as ReportCommand);

  it('raises one alert for 3 first legs and 2 onward legs of a route (6 pairs), the same whatever the order; a retraction decides it again', async () => {
    const flows = (hs: string) => [
      flow('CN', 'BY', hs, '2023-01'),
      flow('CN', 'BY', hs, '2023-02'),
      flow('CN', 'BY', hs, '2023-03'),
      flow('BY', 'RU', hs, '2023-04'),
      flow('BY', 'RU', hs, '2023-05'),
    ];
    // In order for HS 852692 (the alert sits on the onward claim that made the first pair: the 4th report, screened
    // before the 5th is sent: reports go to Kafka partitions by id, so two sent back to back may be screened in either
    // order); onward legs first, in another order, for HS 852699.
    const inOrder: string[] = [];
    for (const f of flows('852692')) {
      inOrder.push(await submitExample(pool, f));
      if (inOrder.length === 4) await settled();
    }
    const shuffled: string[] = Array.from({ length: 5 });
    for (const i of [4, 1, 3, 0, 2]) shuffled[i] = await submitExample(pool, flows('852699')[i]!);
    await settled();

    const route = async (category: string) => (await diversionAlerts()).filter((a) => a.basis.diversion.category === category);
    const [a] = await route('hs6:852692');
    const [b] = await route('hs6:852699');
    expect(await route('hs6:852692')).toHaveLength(1);
    expect(await route('hs6:852699')).toHaveLength(1);
    expect(a).toMatchObject({
      alert_id: routeId('CN → BY → RU hs6:852692'),
      status: 'open',
      report_id: inOrder[3],
      countries: ['BY', 'CN', 'RU'],
    });
    expect(b).toMatchObject({ alert_id: routeId('CN → BY → RU hs6:852699'), status: 'open' });
    expect(a!.basis.diversion).toMatchObject({ path: 'CN → BY → RU', via: 'BY', pairs: 6, firstLegs: 3, onwardLegs: 2, windowDays: 180 });
    expect(a!.basis.diversion.claims.map((c) => [c.role, c.reportId])).toEqual([
      ['first', inOrder[0]],
      ['first', inOrder[1]],
      ['first', inOrder[2]],
      ['onward', inOrder[3]],
      ['onward', inOrder[4]],
    ]);
    expect(a!.basis.diversion.notes[0]).toBe(
      'hs6:852692 flows CN → BY in 3 claims (2023-01 to 2023-03) and BY → RU in 2 claims (2023-04 to 2023-05); 6 pairs within the 180-day window',
    );
    expect(shape(b!.basis.diversion, shuffled)).toEqual(shape(a!.basis.diversion, inOrder));

    // A rebuild decides the same routes: no event on any alert.
    const events = async () =>
      Promise.all((await diversionAlerts()).map(async (x) => (await readStream(pool, alertStreamId(x.alert_id))).events.length));
    const before = await events();
    await stack.apps.screening.get(DiversionService).rebuild({ correlationId: 'test-rebuild-routes' });
    expect(await events()).toEqual(before);

    // An analyst acknowledges the alert. Retracting one first leg (January): the route holds with the other 4 claims;
    // the alert cites them (one AlertBasisUpdated, report-amended), its status and review as they were.
    await inTransaction(pool, async (client) => {
      const { version } = await readStream(client, alertStreamId(a!.alert_id));
      const review = {
        id: randomUUID(),
        type: 'ReviewAlert',
        schemaVersion: 1,
        occurredAt: new Date().toISOString(),
        correlationId: 'test-review',
      };
      await appendAlertReview(client, review, version, { alertId: a!.alert_id, status: 'acknowledged', reason: 'watching the route' });
    });
    await retract(inOrder[0]!);
    await settled();
    const [updated] = await route('hs6:852692');
    expect(updated).toMatchObject({
      alert_id: a!.alert_id,
      status: 'acknowledged',
      review_status: 'acknowledged',
      review_reason: 'watching the route',
      superseded_reason: null,
    });
    expect(foldAlert((await readStream(pool, alertStreamId(a!.alert_id))).events)).toEqual({
      status: 'acknowledged',
      reviewStatus: 'acknowledged',
    });
    expect(updated!.basis.diversion).toMatchObject({ pairs: 4, firstLegs: 2, onwardLegs: 2 });
    expect(updated!.basis.diversion.claims.map((c) => c.reportId)).toEqual(inOrder.slice(1));
    expect((await readStream(pool, alertStreamId(a!.alert_id))).events.slice(-1).map((e) => [e.type, e.payload])).toEqual([
      ['AlertBasisUpdated', expect.objectContaining({ reason: 'report-amended', diversion: updated!.basis.diversion })],
    ]);

    // Retracting the onward legs leaves no pair: superseded as the reports' doing (report-amended), not the list's.
    await retract(inOrder[3]!);
    await retract(inOrder[4]!);
    await settled();
    expect((await route('hs6:852692'))[0]).toMatchObject({
      alert_id: a!.alert_id,
      status: 'superseded',
      superseded_reason: 'report-amended',
    });
    expect((await route('hs6:852699'))[0]!.status).toBe('open');
  }, 120_000);

  it('supersedes an alert of the pair shape (from before routes) in force at start, leaving the route alerts as they are', async () => {
    // An alert as the screening app raised it before routes: one pair, its id from its two claims, no `via`.
    const [route] = (await diversionAlerts()).filter((a) => a.basis.diversion.category === 'hs6:852699' && a.status === 'open');
    const { via: _via, pairs: _p, firstLegs: _f, onwardLegs: _o, minGapDays: _min, maxGapDays: _max, ...rest } = route!.basis.diversion;
    const [first, onward] = [rest.claims[0]!, rest.claims[rest.claims.length - 1]!];
    const pair: DiversionBasisV1 = { ...rest, claims: [first, onward], gapDays: 60 };
    const writer = stack.apps.screening.get(AlertWriter);
    const cause = { correlationId: 'test-pair-shape' };
    expect(
      await writer.raise(
        {
          reportId: onward.reportId,
          claimId: onward.claimId,
          kind: 'possible-diversion',
          diversion: pair,
          location: `claims[${onward.claimId}]`,
          queryName: `${pair.path}: ${onward.item.description}`,
          listId: 'ofac-sdn',
          entryId: `diversion:${first.reportId}/${first.claimId}`,
          listVersion: 'ofac-sdn 2024-05-03',
          entryName: 'RUSSIA-EO14024 → RU',
          matchedName: pair.category,
          matchedNameKind: 'category',
          programs: ['RUSSIA-EO14024'],
          countries: ['BY', 'CN', 'RU'],
          score: 1,
          explanation: { tokens: [], penalties: [], notes: pair.notes },
        },
        'report-submitted',
        cause,
      ),
    ).toBe('raised');
    const old = (await diversionAlerts()).find((a) => a.basis.diversion.via === undefined && a.status === 'open')!;
    const events = async () =>
      Promise.all((await diversionAlerts()).map(async (x) => (await readStream(pool, alertStreamId(x.alert_id))).events.length));
    const before = await events();

    // At start the service finds it and decides every route once: the old alert superseded, nothing else appended.
    await stack.apps.screening.get(DiversionService).onModuleInit();
    const after = await diversionAlerts();
    expect(after.find((a) => a.alert_id === old.alert_id)).toMatchObject({ status: 'superseded', superseded_reason: 'entry-amended' });
    expect(await events()).toEqual(before.map((n, i) => (after[i]!.alert_id === old.alert_id ? n + 1 : n)));
    expect(after.filter((a) => a.status === 'open').every((a) => a.basis.diversion.via === 'BY')).toBe(true);
  }, 60_000);

  it("updates a route's alert as the list's doing (AlertBasisUpdated, entry-amended) when a list version changes its programs' figures", async () => {
    const inForce = (await diversionAlerts()).filter((a) => a.status !== 'superseded' && a.basis.diversion.via === 'BY');
    expect(inForce.length).toBeGreaterThan(0);
    // A version adding Matviyenko (RUSSIA-EO14024 and UKRAINE-EO13661, an address in Moscow): RU's program figures change.
    const rows = (file: string) => readFileSync(dataPath('sanctions', ...file.split('/')), 'latin1').split('\n');
    const pick = (lines: string[]) => lines.filter((l) => /^(9760|35096|16660),/.test(l)).join('\n') + '\n';
    mkdirSync(join(stack.importDir, 'v2'));
    writeFileSync(join(stack.importDir, 'v2', 'sdn.csv'), pick(rows('ofac-sdn-2024-05-03/sdn.csv')), 'latin1');
    writeFileSync(join(stack.importDir, 'v2', 'add.csv'), pick(rows('ofac-aliases-addresses-2025-12/add.csv')), 'latin1');
    await stack.importVersion('ofac-sdn', ['v2/sdn.csv', 'v2/add.csv'], '2024-05-10');
    await settled();

    for (const before of inForce) {
      const after = (await diversionAlerts()).find((a) => a.alert_id === before.alert_id)!;
      expect(after).toMatchObject({ status: before.status, review_status: before.review_status, superseded_reason: null });
      expect(after.basis.diversion.programs).not.toEqual(before.basis.diversion.programs);
      expect(after.basis.diversion.claims).toEqual(before.basis.diversion.claims);
      const [last] = (await readStream(pool, alertStreamId(before.alert_id))).events.slice(-1);
      expect(last).toMatchObject({
        type: 'AlertBasisUpdated',
        payload: expect.objectContaining({ reason: 'entry-amended', diversion: after.basis.diversion }),
      });
    }
  }, 60_000);
});
