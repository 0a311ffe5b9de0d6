/**
 * Screening: per-name and per-report latency of `@tm/screening` (public API: `ScreeningIndex.screenName` and
 * `scanText`) against the full 2024 OFAC SDN list with aliases plus the UN list, the index's heap, and recall.
 * Baseline in the same run: PostgreSQL `pg_trgm` (`similarity`, `%` with a GIN trigram index) over the same names,
 * queried with the same names, one at a time on one connection.
 * Queries: names taken from the lists (every other one with a one-letter typo; the expected answer is the entry it
 * came from) and unrelated names (the expected answer is none). Recall = share of list-derived queries whose entry
 * is among the matches.
 */
import { Client } from 'pg';
import { loadSdn2024, loadUn2026, ScreeningIndex } from '@tm/screening';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { latency, throughput, type BenchResult, type Figure } from './support/results';
import { benchDatabase } from './support/stack';
import { percentiles, round } from './support/stats';
import { reportBody } from './support/workload';

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const UNRELATED = ['Acme Widgets Corporation', 'Maria Gonzalez', 'Northern Star Shipping LLC', 'Johann Sebastian Weber', 'Blue Harbor Logistics', 'Chen Wei Ming', 'Olga Petrova', 'Global Parts Trading GmbH'];

interface Query {
  name: string;
  expected?: string;
}

function typo(name: string): string {
  return name.replace(/[aeiou]/i, 'x');
}

export const screening: Benchmark = {
  name: 'screening',
  title: 'Screening against the 2024 SDN (with aliases) + UN lists vs pg_trgm',
  async run(options: BenchOptions): Promise<BenchResult> {
    const loadStarted = performance.now();
    const snapshots = [loadSdn2024(), loadUn2026()];
    const loadMs = performance.now() - loadStarted;
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    const index = new ScreeningIndex(snapshots);
    gc();
    const indexHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    const indexRssMb = (process.memoryUsage().rss - rssBefore) / 1e6;
    const keyOf = (e: { listId: string; entryId: string }) => `${e.listId}:${e.entryId}`;

    const count = options.quick ? 1_000 : 5_000;
    const queries: Query[] = Array.from({ length: count }, (_, i) => {
      if (i % 10 === 9) return { name: UNRELATED[i % UNRELATED.length]! };
      const n = index.names[(i * 7919) % index.names.length]!;
      return { name: i % 2 ? typo(n.value) : n.value, expected: keyOf(n.entry) };
    });

    // Ours, per name.
    for (const q of queries.slice(0, 300)) index.screenName({ name: q.name });
    const ourTimes: number[] = [];
    let ourHits = 0;
    let ourFalse = 0;
    for (const q of queries) {
      const t = performance.now();
      const matches = index.screenName({ name: q.name });
      ourTimes.push(performance.now() - t);
      if (q.expected && matches.some((m) => keyOf(m.entry) === q.expected)) ourHits += 1;
      if (!q.expected && matches.length > 0) ourFalse += 1;
    }
    const listQueries = queries.filter((q) => q.expected).length;
    const ours = percentiles(ourTimes);

    // Ours, per report: every party name of the claims screened, plus the report text scanned.
    const reports = Array.from({ length: options.quick ? 200 : 1_000 }, (_, i) => reportBody(i, i % 10 === 0 ? { sanctionedName: index.names[(i * 31) % index.names.length]!.value } : {}));
    const reportTimes: number[] = [];
    for (const body of reports) {
      const claims = body.claims as { supplier: { country: string; entity?: { name: string } }; recipient: { country: string; entity?: { name: string } } }[];
      const t = performance.now();
      for (const c of claims) for (const p of [c.supplier, c.recipient]) if (p.entity) index.screenName({ name: p.entity.name, countries: [p.country] });
      index.scanText(String(body.text));
      reportTimes.push(performance.now() - t);
    }
    const perReport = percentiles(reportTimes);

    // Baseline: pg_trgm on the same names.
    const url = await benchDatabase('screening', { migrate: false });
    const client = new Client({ connectionString: url });
    await client.connect();
    const figures: Figure[] = [];
    let trgm: ReturnType<typeof percentiles> | undefined;
    let trgmRecall = Number.NaN;
    let trgmFalse = 0;
    let trgmPlan: string[] | undefined;
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await client.query('CREATE TABLE names (entry text NOT NULL, name text NOT NULL)');
      const names = index.names.map((n) => ({ entry: keyOf(n.entry), name: n.value }));
      for (let i = 0; i < names.length; i += 5_000) {
        const chunk = names.slice(i, i + 5_000);
        await client.query('INSERT INTO names SELECT * FROM unnest($1::text[], $2::text[])', [chunk.map((n) => n.entry), chunk.map((n) => n.name)]);
      }
      await client.query('CREATE INDEX names_trgm ON names USING gin (lower(name) gin_trgm_ops)');
      await client.query('ANALYZE names');
      const sql = `SELECT entry, similarity(lower(name), lower($1)) AS score FROM names WHERE lower(name) % lower($1) ORDER BY score DESC LIMIT 10`;
      const trgmQueries = queries.slice(0, options.quick ? 200 : 1_000);
      for (const q of trgmQueries.slice(0, 50)) await client.query(sql, [q.name]);
      const times: number[] = [];
      let hits = 0;
      for (const q of trgmQueries) {
        const t = performance.now();
        const { rows } = await client.query<{ entry: string }>(sql, [q.name]);
        times.push(performance.now() - t);
        if (q.expected && rows.some((r) => r.entry === q.expected)) hits += 1;
        if (!q.expected && rows.length > 0) trgmFalse += 1;
      }
      trgm = percentiles(times);
      trgmRecall = hits / trgmQueries.filter((q) => q.expected).length;
      const explain = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql.replace(/\$1/g, `'${trgmQueries[1]!.name.replace(/'/g, "''")}'`)}`);
      trgmPlan = explain.rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
    } catch (error) {
      figures.push({ figure: 'pg_trgm baseline', value: Number.NaN, unit: '', note: `not measured: ${(error as Error).message}` });
    } finally {
      await client.end();
    }

    const ourRecall = ourHits / listQueries;
    const base = (v: number | undefined) => (v === undefined ? undefined : { name: 'pg_trgm', value: v });
    figures.push(latency('per name p50', ours.p50, 'ms', base(trgm?.p50)));
    figures.push(latency('per name p95', ours.p95, 'ms', base(trgm?.p95)));
    const p99 = latency('per name p99', ours.p99, 'ms', base(trgm?.p99), { max: 0.5 });
    figures.push(p99);
    const speedup = trgm ? trgm.p99 / ours.p99 : Number.NaN;
    figures.push({
      figure: 'speed-up over pg_trgm (p99) at ≥ its recall',
      value: round(speedup, 1),
      unit: '×',
      target: { text: '≥ 20× at equal or better recall', met: speedup >= 20 && ourRecall >= trgmRecall },
    });
    figures.push(throughput('recall (list names, half with a typo)', ourRecall * 100, '%', Number.isFinite(trgmRecall) ? { name: 'pg_trgm', value: trgmRecall * 100 } : undefined));
    figures.push({ figure: 'unrelated names matched (false alarms)', value: ourFalse, unit: `of ${queries.length - listQueries}`, ...(trgm ? { baseline: { name: 'pg_trgm', value: trgmFalse } } : {}) });
    figures.push(latency('per report p50 (6 parties + text scan)', perReport.p50, 'ms'));
    figures.push(latency('per report p99 (6 parties + text scan)', perReport.p99, 'ms'));
    figures.push({ figure: 'index heap (after GC)', value: round(indexHeapMb, 1), unit: 'MB' });
    figures.push({ figure: 'index build', value: index.buildStats.buildMs, unit: 'ms' });
    options.log(`screening: ours p99 ${round(ours.p99, 3)} ms, pg_trgm p99 ${trgm ? round(trgm.p99, 3) : '–'} ms, recall ${round(ourRecall * 100, 1)}% vs ${round(trgmRecall * 100, 1)}%`);
    return {
      name: 'screening',
      figures,
      details: {
        names: index.buildStats.names,
        entries: index.buildStats.entries,
        vocabulary: index.buildStats.vocabulary,
        listLoadMs: round(loadMs, 0),
        indexRssMb: round(indexRssMb, 1),
        queries: queries.length,
        ours,
        perReport,
        trgm,
        trgmPlan,
      },
    };
  },
};
