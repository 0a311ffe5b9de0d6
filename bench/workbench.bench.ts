/**
 * Analyst workbench (issue 16 targets): with 100k transfer claims stored (`--quick`: 10k), the data requests of each
 * dashboard page's first render (≤ 1 s), search p95 (≤ 50 ms) and flows p95 (≤ 100 ms), through the API running as
 * its own process (`startApps(['api'])`, as in production) over HTTP with an admin key.
 *
 * Set-up: report streams seeded into the event store with {@link seedEvents} (four events, three transfer claims per
 * report: 33,334 reports for 100k claims), read models built by `RebuildService` (what `npm start` does after a
 * restore; then `ANALYZE`, as autovacuum does after a bulk load), the bundled sanctions lists imported
 * ({@link importLists}), and 2,000 alerts raised by `AlertWriter` on
 * the claims' supplier names (as screening raises them), so the alert queue, report and entity pages have alerts.
 *
 * A page's figure is the wall time of the requests its first render makes (in parallel, as the browser sends them;
 * the lists the page reads whole followed page by page), the first time (cold: no ETag, the API's caches empty) and
 * the p95 of the next runs. Baselines, measured in the same run: for pages, `GET /v1/me` (an authenticated API round
 * trip that reads no read model); for search, the GIN-indexed `@@` SELECT of the same words on `claim_states`
 * without ranking or headlines; for flows, a primary-key SELECT of one report's claim states on `claim_states`.
 */
import pino from 'pino';
import { createPgPool } from '@tm/database';
import { activeProjectionVersion, claimStatesAsOf, RebuildService } from '@tm/read-models';
import { AlertWriter } from '../apps/screening/src/screening/alert-writer.service';
import { BENCH_API_KEY, startApps } from './support/apps';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { importLists } from './support/lists';
import { latency, type BenchResult, type Figure } from './support/results';
import { seedEvents } from './support/seed';
import { benchDatabase, kafkaBrokers } from './support/stack';
import { percentiles, round } from './support/stats';

const SEARCHES = ['drones', 'strike drones', 'confirmation', 'Spiegel', 'commercial contact', 'mass production'];
const COUNTRIES = ['CN', 'RU', 'BY', 'IR', 'KP', 'UA', 'US', 'DE'];

/** The entity id of a directory key (base64url of its UTF-8), as the dashboard computes it. */
const entityId = (key: string) => Buffer.from(key, 'utf8').toString('base64url');

export const workbench: Benchmark = {
  name: 'workbench',
  title: 'Analyst workbench: dashboard pages, search and flows with 100k claims',
  async run(options: BenchOptions): Promise<BenchResult> {
    const claims = options.quick ? 10_000 : 100_000;
    const reports = Math.ceil(claims / 3);
    const runs = options.quick ? 10 : 20;
    const url = await benchDatabase('workbench');
    const pool = createPgPool(url, 4);
    const figures: Figure[] = [];
    const details: Record<string, unknown> = { claims, reports, runs };
    let apps: Awaited<ReturnType<typeof startApps>> | undefined;
    try {
      let t0 = performance.now();
      const events = await seedEvents(pool, reports * 4);
      details.seedMs = Math.round(performance.now() - t0);
      t0 = performance.now();
      const rebuilt = await new RebuildService(pool, pino({ level: 'silent' })).rebuild();
      details.rebuildMs = Math.round(performance.now() - t0);
      const schema = (await activeProjectionVersion(pool)).schemaName;
      // Planner statistics of the new version's tables, as autovacuum gathers them soon after a bulk load.
      await pool.query(
        `ANALYZE ${schema}.claim_states, ${schema}.report_views, ${schema}.entity_directory, ${schema}.ledger_rows, ${schema}.timeline_entries`,
      );
      const counted = (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.claim_states`)).rows[0]!.n;
      options.log(`workbench: ${events} events seeded, ${rebuilt.eventsRead} projected, ${counted} claim states`);
      details.claimStates = Number(counted);
      details.lists = await importLists(url, options.log);

      // Alerts on the suppliers of 2,000 claims, as screening raises them.
      const { rows: raisedOn } = await pool.query<{ report_id: string; claim_id: string; name: string }>(
        `SELECT report_id, claim_id, state->'claim'->'supplier'->'entity'->>'name' AS name FROM ${schema}.claim_states ORDER BY report_id, claim_id LIMIT 2000`,
      );
      const writer = new AlertWriter(pool);
      for (const [i, r] of raisedOn.entries()) {
        await writer.raise(
          {
            reportId: r.report_id,
            claimId: r.claim_id,
            location: `claims[${r.claim_id}].supplier.entity`,
            queryName: r.name,
            listId: 'ofac-sdn',
            entryId: String(90_000 + (i % 50)),
            listVersion: 'bench',
            entryName: `LISTED COMPANY ${i % 50}`,
            matchedName: `LISTED COMPANY ${i % 50}`,
            matchedNameKind: 'primary',
            programs: ['RUSSIA-EO14024'],
            countries: ['RU'],
            score: 0.9,
            explanation: { tokens: [], penalties: [], notes: [] },
          },
          'report-submitted',
          {},
        );
      }
      const someReport = raisedOn[0]!.report_id;
      const busiest = (
        await pool.query<{ key: string; claim_count: number }>(
          `SELECT key, claim_count FROM ${schema}.entity_directory ORDER BY claim_count DESC, key LIMIT 1`,
        )
      ).rows[0]!;
      const supplier = raisedOn[0]!.name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
      const supplierClaims = (
        await pool.query<{ claim_count: number }>(`SELECT claim_count FROM ${schema}.entity_directory WHERE key = $1`, [supplier])
      ).rows[0]!.claim_count;
      details.entities = {
        supplier: { key: supplier, claims: supplierClaims },
        busiest: { key: busiest.key, claims: busiest.claim_count },
      };

      apps = await startApps(['api'], url, await kafkaBrokers());
      const api = apps.apiUrl;
      const call = async (path: string): Promise<unknown> => {
        const response = await fetch(`${api}${path}`, { headers: { Authorization: `Bearer ${BENCH_API_KEY}` } });
        if (!response.ok) throw new Error(`GET ${path} → ${response.status} ${(await response.text()).slice(0, 300)}`);
        return response.json();
      };
      /** GET a `{ items, nextCursor }` list page by page (as the dashboard's getAll), at most `maxPages`. */
      const all = async (path: string, maxPages = 20): Promise<void> => {
        let next: string | null = path;
        for (let page = 0; next && page < maxPages; page++) {
          const body = (await call(next)) as { nextCursor: string | null };
          next = body.nextCursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${body.nextCursor}` : null;
        }
      };
      const pages: Record<string, () => Promise<unknown>> = {
        home: () => Promise.all([call('/v1/me'), call('/v1/reports?limit=100')]),
        'country CN': () =>
          Promise.all([
            call('/v1/me'),
            all('/v1/flows?country=CN&limit=1000'),
            all('/v1/ledgers/CN?limit=1000'),
            all('/v1/timeline/CN?limit=1000'),
            call('/v1/flows/changes?country=CN&steps=400'),
          ]),
        report: () => Promise.all([call('/v1/me'), call(`/v1/reports/${someReport}`), all('/v1/alerts?limit=200', 5)]),
        'search "drones"': () => Promise.all([call('/v1/me'), call('/v1/search?q=drones&limit=50')]),
        [`entity (${supplierClaims} claims)`]: () => Promise.all([call('/v1/me'), call(`/v1/entities/${entityId(supplier)}?limit=50`)]),
        [`entity (${busiest.claim_count} claims, the busiest)`]: () =>
          Promise.all([call('/v1/me'), call(`/v1/entities/${entityId(busiest.key)}?limit=50`)]),
        'alert queue': () => Promise.all([call('/v1/me'), all('/v1/alerts?limit=200&status=open', 5)]),
        lists: () => Promise.all([call('/v1/me'), call('/v1/sanctions-lists'), call('/v1/sanctions-lists/ofac-sdn/entries?limit=50')]),
      };
      const timed = async (task: () => Promise<unknown>): Promise<number> => {
        const started = performance.now();
        await task();
        return performance.now() - started;
      };

      // Baseline of the pages: an authenticated round trip that reads no read model.
      await call('/v1/me');
      const meTimes: number[] = [];
      for (let i = 0; i < runs; i++) meTimes.push(await timed(() => call('/v1/me')));
      const me = percentiles(meTimes);
      const pageDetails: Record<string, unknown> = {};
      for (const [name, load] of Object.entries(pages)) {
        const first = await timed(load);
        const next: number[] = [];
        for (let i = 0; i < runs; i++) next.push(await timed(load));
        const p = percentiles(next);
        pageDetails[name] = { firstMs: round(first, 1), ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, round(v, 1)])) };
        figures.push(
          latency(`page ${name}: first render's requests`, first, 'ms', { name: 'GET /v1/me p50', value: me.p50 }, { max: 1000 }),
        );
        figures.push(
          latency(`page ${name}: p95 of ${runs} renders`, p.p95, 'ms', { name: 'GET /v1/me p50', value: me.p50 }, { max: 1000 }),
        );
        options.log(`workbench: ${name}: first ${Math.round(first)} ms, p95 ${Math.round(p.p95)} ms`);
      }
      details.pages = pageDetails;

      // Search and flows p95, each request after a warm-up, words and countries in rotation.
      const samples = options.quick ? 60 : 100;
      const searchTimes: number[] = [];
      const searchBase: number[] = [];
      for (let i = 0; i < samples; i++) {
        const q = SEARCHES[i % SEARCHES.length]!;
        searchTimes.push(await timed(() => call(`/v1/search?q=${encodeURIComponent(q)}&limit=20`)));
        searchBase.push(
          await timed(() =>
            pool.query(
              `SELECT report_id, claim_id FROM ${schema}.claim_states WHERE search @@ websearch_to_tsquery('english', $1) LIMIT 20`,
              [q],
            ),
          ),
        );
      }
      const flowTimes: number[] = [];
      const flowBase: number[] = [];
      for (let i = 0; i < samples; i++) {
        const country = COUNTRIES[i % COUNTRIES.length]!;
        flowTimes.push(await timed(() => call(`/v1/flows?country=${country}&direction=${i % 2 ? 'supplier' : 'recipient'}&limit=1000`)));
        flowBase.push(
          await timed(() =>
            pool.query(`SELECT state FROM ${schema}.claim_states WHERE report_id = $1`, [raisedOn[i % raisedOn.length]!.report_id]),
          ),
        );
      }
      // "As known at" (asOf): flows and the country page's requests at global positions in rotation through the
      // store (a quarter, half, three quarters, the head), fewer samples (before the claim-state history, each
      // request folded the whole store: 20–30 s).
      const head = Number((await pool.query<{ head: string }>('SELECT max(global_position)::text AS head FROM events')).rows[0]!.head);
      const asOfAt = (i: number) => Math.max(1, Math.round((head * ((i % 4) + 1)) / 4));
      const asOfSamples = options.quick ? 8 : 12;
      const asOfTimes: number[] = [];
      for (let i = 0; i < asOfSamples; i++) {
        const country = COUNTRIES[i % COUNTRIES.length]!;
        const query = `country=${country}&direction=${i % 2 ? 'supplier' : 'recipient'}&asOf=${asOfAt(i)}&limit=1000`;
        asOfTimes.push(await timed(() => call(`/v1/flows?${query}`)));
      }
      const asOfPage = (i: number) =>
        Promise.all([
          call('/v1/me'),
          all(`/v1/flows?country=CN&asOf=${asOfAt(i)}&limit=1000`),
          all(`/v1/ledgers/CN?asOf=${asOfAt(i)}&limit=1000`),
          all('/v1/timeline/CN?limit=1000'),
          call('/v1/flows/changes?country=CN&steps=400'),
        ]);
      // The path before the claim-state history, in the same run: one fold of the store up to half of it, in this process.
      const foldMs = await timed(() => claimStatesAsOf(pool, asOfAt(1), { source: 'fold' }));
      options.log(`workbench: asOf by folding the store (the path before): ${Math.round(foldMs)} ms`);
      const asOfPageFirst = await timed(() => asOfPage(1));
      const asOfPageTimes: number[] = [];
      for (let i = 0; i < Math.ceil(asOfSamples / 2); i++) asOfPageTimes.push(await timed(() => asOfPage(i)));
      const search = percentiles(searchTimes);
      const flows = percentiles(flowTimes);
      const flowsAsOf = percentiles(asOfTimes);
      const pageAsOf = percentiles(asOfPageTimes);
      options.log(
        `workbench: flows asOf p95 ${Math.round(flowsAsOf.p95)} ms; country CN asOf first ${Math.round(asOfPageFirst)} ms, p95 ${Math.round(pageAsOf.p95)} ms`,
      );
      figures.push(
        latency(
          `search p95 (GET /v1/search, ${samples} requests)`,
          search.p95,
          'ms',
          { name: 'GIN @@ SELECT p95', value: percentiles(searchBase).p95 },
          { max: 50 },
        ),
      );
      figures.push(
        latency(
          `flows p95 (GET /v1/flows?country=…&direction=…, ${samples} requests)`,
          flows.p95,
          'ms',
          { name: 'primary-key SELECT p95', value: percentiles(flowBase).p95 },
          { max: 100 },
        ),
      );
      figures.push(
        latency(
          `flows asOf p95 (GET /v1/flows?country=…&direction=…&asOf=…, ${asOfSamples} requests)`,
          flowsAsOf.p95,
          'ms',
          { name: 'flows p95 without asOf', value: flows.p95 },
          { max: 100 },
        ),
      );
      figures.push(
        latency(
          `page country CN asOf: first render's requests`,
          asOfPageFirst,
          'ms',
          { name: 'GET /v1/me p50', value: me.p50 },
          { max: 1000 },
        ),
      );
      figures.push(
        latency(
          `page country CN asOf: p95 of ${asOfPageTimes.length} renders`,
          pageAsOf.p95,
          'ms',
          { name: 'GET /v1/me p50', value: me.p50 },
          { max: 1000 },
        ),
      );
      details.search = { api: search, baseline: percentiles(searchBase) };
      details.flowsAsOf = { api: flowsAsOf, head, positions: [1, 2, 3, 4].map(asOfAt), foldMs: round(foldMs, 1) };
      details.pageAsOf = { firstMs: round(asOfPageFirst, 1), ...pageAsOf };
      details.flows = { api: flows, baseline: percentiles(flowBase) };
      details.me = me;
      return { name: 'workbench', figures, details };
    } finally {
      await apps?.stop();
      await pool.end();
    }
  },
};
