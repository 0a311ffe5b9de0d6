import type { Pool } from 'pg';
import { alertIdFor, alertStreamId, reportStreamId, type ReportCommand } from '@tm/domain';
import { readStream, type StoredEvent } from '@tm/event-store';
import { toEventMessage, type ConsumedMessage } from '@tm/messaging';
import { readableEvents, transfer } from '@tm/testing';
import { ScreeningHandler } from '../src/screening/screening.handler';
import { runReportCommand, submitExample, useScreeningStack, writePutinAndLukashenko } from './support';

/** The countries and HS-6 codes of one scenario: a route A → B → RU of `route`, CHPL tier 1 surges into `surge`. */
interface Scenario {
  a: string;
  b: string;
  surge: string;
  route: string;
}
const ONE_BY_ONE: Scenario = { a: 'CN', b: 'BY', surge: 'AM', route: '850440' };
const IN_RUNS: Scenario = { a: 'TR', b: 'KZ', surge: 'GE', route: '847150' };

/** A report of one transfer of `hsCode` (tier 3.A for routes, 854231 tier 1 for surges) from `from` to `to` in `edtf`. */
const flow = (from: string, to: string, hsCode: string, edtf: string) => ({
  source: { publisher: 'Analyst desk', title: `${from} to ${to}, ${hsCode}, ${edtf}`, publishedOn: '2024-06-01', sourceType: 'news' },
  sourceReliability: 'C',
  claims: [
    {
      ...transfer('t1', {
        supplier: { country: from as 'CN' },
        recipient: { country: to as 'RU' },
        assistanceType: 'dual-use',
        item: { description: 'static converters', hsCode },
      }),
      date: { edtf },
    },
  ],
});

interface AlertRow {
  alert_id: string;
  report_id: string;
  entry_id: string;
  status: string;
  superseded_reason: string | null;
  countries: string[];
  basis: unknown;
}

/**
 * Issue 17's cost target: the screening handler decides the diversion routes and CHPL surges of a run of messages
 * (`handleBatch`) once, at the end of the run. Here the events are handed to the handler as the consumer would (no
 * relay: nothing reaches the topic): one scenario one message at a time (`handle`), the same scenario in other
 * countries and codes as runs (`handleBatch`). The runs raise the same alerts as one by one (ids from the routes and
 * windows, the same bases, statuses and reports), a retraction and a new report in one run included; and a report of
 * a run is recorded as screened only after every alert event of the run's decisions.
 */
describe('screening: route and surge decisions once per run of messages (real PostgreSQL)', () => {
  const stack = useScreeningStack(
    'tm-batch-',
    writePutinAndLukashenko,
    { DIVERSION_PROGRAM_MIN_ENTRIES: '1', DIVERSION_WINDOW_DAYS: '180' },
    { relay: false },
  );
  let pool: Pool;
  let handler: ScreeningHandler;
  const delivered = new Set<string>();

  /** The stored events not yet delivered of `streams` (every stream when undefined), as consumed messages in store order. */
  const pending = async (streams?: ReadonlySet<string>): Promise<ConsumedMessage[]> =>
    (await readableEvents(pool))
      .filter((e: StoredEvent) => !delivered.has(e.eventId) && (!streams || streams.has(e.streamId)))
      .map((e, i) => {
        delivered.add(e.eventId);
        const m = toEventMessage(e);
        return {
          topic: 'events',
          partition: 0,
          message: {
            key: Buffer.from(String(m.key)),
            value: Buffer.from(String(m.value)),
            headers: m.headers,
            offset: String(i),
            timestamp: '0',
          },
        };
      });

  /** Hands `messages` to the handler one by one, or in runs as `ReliableConsumer` does. @returns the runs' lengths. */
  const deliver = async (messages: ConsumedMessage[], how: 'one-by-one' | 'runs'): Promise<number[]> => {
    const runs: number[] = [];
    for (let next = 0; next < messages.length;) {
      const settled = how === 'runs' ? await handler.handleBatch(messages.slice(next)) : 0;
      if (settled) runs.push(settled);
      next += settled;
      if (settled === 0) await handler.handle(messages[next++]!);
    }
    return runs;
  };

  beforeAll(async () => {
    pool = stack.pool;
    handler = stack.apps.screening.get(ScreeningHandler);
    await stack.importVersion('ofac-sdn', ['sdn.csv', 'add.csv'], '2024-05-03');
    await deliver(await pending(), 'runs');
  }, 90_000);

  const reports: Record<'oneByOne' | 'inRuns', string[]> = { oneByOne: [], inRuns: [] };
  const submit = async (of: string[], report: ReturnType<typeof flow>) => of.push(await submitExample(pool, report));
  /** Phase 1: two first legs, two onward legs; a baseline claim and three claims of one window into `surge`. */
  const phase1 = (s: Scenario) => [
    flow(s.a, s.b, s.route, '2023-01'),
    flow(s.a, s.b, s.route, '2023-02'),
    flow(s.b, 'RU', s.route, '2023-03'),
    flow(s.b, 'RU', s.route, '2023-04'),
    flow('CN', s.surge, '854231', '2022-11-15'),
    flow('CN', s.surge, '854231', '2023-01-10'),
    flow('CN', s.surge, '854231', '2023-02-10'),
    flow('CN', s.surge, '854231', '2023-03-10'),
  ];
  const streamsOf = (ids: string[]) => new Set(ids.map(reportStreamId));

  /** The scenario's diversion alerts, its countries, codes and reports written as the one-by-one scenario's. */
  const alertsOf = async (s: Scenario, ids: string[]) => {
    const { rows } = await pool.query<AlertRow>(
      `SELECT alert_id, report_id, entry_id, status, superseded_reason, countries, basis FROM alerts
        WHERE kind = 'possible-diversion' AND (countries @> ARRAY[$1] OR countries @> ARRAY[$2]) ORDER BY entry_id`,
      [s.b, s.surge],
    );
    const as = (text: string) =>
      ids
        .reduce((t, id, i) => t.replaceAll(id, `report-${i}`), text)
        .replace(new RegExp(`\\b${s.a}\\b`, 'g'), ONE_BY_ONE.a)
        .replace(new RegExp(`\\b${s.b}\\b`, 'g'), ONE_BY_ONE.b)
        .replace(new RegExp(`\\b${s.surge}\\b`, 'g'), ONE_BY_ONE.surge)
        .replaceAll(s.route, ONE_BY_ONE.route);
    return rows.map((r) => {
      // Route and surge alert ids come from their entry only (route, country and window).
      expect(r.alert_id).toBe(alertIdFor('', '', 'possible-diversion', r.entry_id));
      const { alert_id: _id, ...rest } = r;
      const row = JSON.parse(as(JSON.stringify(rest))) as Omit<AlertRow, 'alert_id'>;
      return { ...row, countries: row.countries.sort() };
    });
  };

  /** Every event of the scenario's alerts was recorded before any of `ids` (the reports of the last run) was recorded as screened. */
  const screenedAfterDecisions = async (s: Scenario, ids: string[]) => {
    const { rows: alerts } = await pool.query<{ alert_id: string }>(
      `SELECT alert_id FROM alerts WHERE kind = 'possible-diversion' AND (countries @> ARRAY[$1] OR countries @> ARRAY[$2])`,
      [s.b, s.surge],
    );
    const {
      rows: [decided],
    } = await pool.query<{ last: Date }>('SELECT max(recorded_at) AS last FROM events WHERE stream_id = ANY($1::text[])', [
      alerts.map((a) => alertStreamId(a.alert_id)),
    ]);
    const { rows: screened } = await pool.query<{ report_id: string; screened_at: Date }>(
      'SELECT report_id, screened_at FROM report_screenings WHERE report_id = ANY($1::text[])',
      [ids],
    );
    expect(screened).toHaveLength(ids.length);
    for (const r of screened) expect(r.screened_at.getTime()).toBeGreaterThanOrEqual(decided!.last.getTime());
  };

  it('raises in one run what one message at a time raises: the same routes and surges, ids and bases', async () => {
    for (const f of phase1(ONE_BY_ONE)) await submit(reports.oneByOne, f);
    for (const f of phase1(IN_RUNS)) await submit(reports.inRuns, f);
    await deliver(await pending(streamsOf(reports.oneByOne)), 'one-by-one');
    const run = await pending(streamsOf(reports.inRuns));
    expect(await deliver(run, 'runs')).toEqual([8]);

    const expected = await alertsOf(ONE_BY_ONE, reports.oneByOne);
    expect(expected.map((a) => [a.entry_id, a.status, a.report_id])).toEqual([
      ['chpl-surge:AM:2022-12-24..2023-03-23', 'open', 'report-7'],
      ['diversion:CN → BY → RU hs6:850440', 'open', 'report-2'],
    ]);
    expect(await alertsOf(IN_RUNS, reports.inRuns)).toEqual(expected);
    await screenedAfterDecisions(IN_RUNS, reports.inRuns);
  }, 60_000);

  it('does the same with a retraction and a new report in one run: the route updated with its new claims, the surge superseded', async () => {
    for (const [s, ids] of [
      [ONE_BY_ONE, reports.oneByOne],
      [IN_RUNS, reports.inRuns],
    ] as const) {
      for (const retracted of [ids[0]!, ids[7]!])
        await runReportCommand(pool, {
          type: 'RetractReport',
          payload: { reportId: retracted, reason: 'source withdrawn' },
        } as ReportCommand);
      await submit(ids, flow(s.b, 'RU', s.route, '2023-05'));
    }
    await deliver(await pending(streamsOf(reports.oneByOne)), 'one-by-one');
    expect(await deliver(await pending(streamsOf(reports.inRuns)), 'runs')).toEqual([3]);

    const expected = await alertsOf(ONE_BY_ONE, reports.oneByOne);
    expect(expected.map((a) => [a.entry_id, a.status, a.superseded_reason])).toEqual([
      ['chpl-surge:AM:2022-12-24..2023-03-23', 'superseded', 'report-amended'],
      ['diversion:CN → BY → RU hs6:850440', 'open', null],
    ]);
    expect((expected[1]!.basis as { diversion: { firstLegs: number; onwardLegs: number } }).diversion).toMatchObject({
      firstLegs: 1,
      onwardLegs: 3,
    });
    expect(await alertsOf(IN_RUNS, reports.inRuns)).toEqual(expected);
    // A route whose claims change records one AlertBasisUpdated per run that changes it (README: diversion limits):
    // one at a time, the second onward leg, the retraction and the new report each did; in runs, the second run.
    const routeEvents = async (s: Scenario) =>
      (
        await readStream(pool, alertStreamId(alertIdFor('', '', 'possible-diversion', `diversion:${s.a} → ${s.b} → RU hs6:${s.route}`)))
      ).events.map((e) => [e.type, (e.payload as { reason?: string }).reason]);
    const updated = ['AlertBasisUpdated', 'report-amended'];
    expect(await routeEvents(ONE_BY_ONE)).toEqual([['AlertRaised', undefined], updated, updated, updated]);
    expect(await routeEvents(IN_RUNS)).toEqual([['AlertRaised', undefined], updated]);
    // The run's reports: the two retracted and the new one.
    await screenedAfterDecisions(
      IN_RUNS,
      [0, 7, 8].map((i) => reports.inRuns[i]!),
    );
  }, 60_000);
});
