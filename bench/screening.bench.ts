/**
 * Screening: per-name and per-report latency of `@tm/screening` (public API: `ScreeningIndex.screenName` and
 * `scanText`) against the full 2024 OFAC SDN list with aliases plus the UN list, the index's heap, and recall.
 * Baseline in the same run: PostgreSQL `pg_trgm` (`similarity`, `%` with a GIN trigram index) over the same names,
 * queried with the same names, one at a time on one connection.
 * Queries (5,000; pg_trgm gets the first 1,000): 90 % names taken from the lists, every other one with a one-letter
 * typo (the first vowel replaced by "x": Vxrobyev, Fxrnandez, xSLAMIC; the expected answer is the entry it came
 * from), and 10 % unrelated names (the expected answer is none): 500 distinct made-up person names (common first
 * and family names of several countries) and company names (word + trade + legal form), none equal to a listed
 * name. Recall = share of list-derived queries whose entry is among the matches; a false alarm = an unrelated
 * name with any match. Both engines are also swept over their thresholds (ours: score ≥ t; pg_trgm:
 * `pg_trgm.similarity_threshold` for `%`) so that speed can be compared at equal or better recall, with the false
 * alarms alongside.
 */
import { settledMemory } from './support/settled-memory';
import { Client } from 'pg';
import { loadSdn2024, loadUn2026, ScreeningIndex } from '@tm/screening';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { latency, throughput, type BenchResult, type Figure } from './support/results';
import { benchDatabase } from './support/stack';
import { percentiles, round } from './support/stats';
import { reportBody } from './support/workload';
import { benchmarkQueries, type BenchmarkQuery } from './screening-eval/benchmark-queries';

/** Thresholds of the sweep: ours (score) and pg_trgm (`pg_trgm.similarity_threshold`, default 0.3). */
const OUR_THRESHOLDS = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
const TRGM_THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7];

interface SweepRow {
  engine: 'ours' | 'pg_trgm';
  threshold: number;
  recall: number;
  /** Recall on the list names as listed, and on those with a typo. */
  recallExact: number;
  recallTypo: number;
  falseAlarms: number;
  unrelated: number;
  p50: number;
  p99: number;
}

type Query = BenchmarkQuery;

/** Hits among list-derived queries: all, as listed, with a typo (shares). */
function recallOf(queries: Query[], hit: boolean[]): { recall: number; recallExact: number; recallTypo: number } {
  const share = (f: (q: Query) => boolean) => {
    const idx = queries.map((q, i) => (q.expected && f(q) ? i : -1)).filter((i) => i >= 0);
    return idx.filter((i) => hit[i]).length / idx.length;
  };
  return { recall: share(() => true), recallExact: share((q) => !q.typo), recallTypo: share((q) => !!q.typo) };
}

export const screening: Benchmark = {
  name: 'screening',
  title: 'Screening against the 2024 SDN (with aliases) + UN lists vs pg_trgm',
  async run(options: BenchOptions): Promise<BenchResult> {
    const loadStarted = performance.now();
    const snapshots = [loadSdn2024(), loadUn2026()];
    const loadMs = performance.now() - loadStarted;
    const before = await settledMemory();
    const index = new ScreeningIndex(snapshots);
    const after = await settledMemory();
    const indexHeapMb = (after.heapUsed - before.heapUsed) / 1e6;
    // Typed arrays' contents (the index's compact parts) are kept outside the V8 heap.
    const indexArrayBuffersMb = (after.arrayBuffers - before.arrayBuffers) / 1e6;
    const indexRssMb = (after.rss - before.rss) / 1e6;
    const keyOf = (e: { listId: string; entryId: string }) => `${e.listId}:${e.entryId}`;

    const count = options.quick ? 1_000 : 5_000;
    // The query set is shared with `npm run eval` (bench/screening-eval/benchmark-queries.ts).
    const queries: Query[] = benchmarkQueries(index, count);
    const unrelated = queries.filter((q) => !q.expected).map((q) => q.name);

    // Ours, per name.
    for (const q of queries.slice(0, 300)) index.screenName({ name: q.name });
    // The matcher's own cost: not the answers the index remembers (`SCREEN_NAME_CACHE_SIZE`) from the warm-up.
    index.forgetRecentAnswers();
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
    const sweep: SweepRow[] = [];
    for (const threshold of OUR_THRESHOLDS) {
      index.forgetRecentAnswers();
      const times: number[] = [];
      const hit: boolean[] = [];
      let falseAlarms = 0;
      for (const q of queries) {
        const t = performance.now();
        const matches = index.screenName({ name: q.name }, { threshold });
        times.push(performance.now() - t);
        hit.push(!!q.expected && matches.some((m) => keyOf(m.entry) === q.expected));
        if (!q.expected && matches.length > 0) falseAlarms += 1;
      }
      const p = percentiles(times);
      sweep.push({
        engine: 'ours',
        threshold,
        ...recallOf(queries, hit),
        falseAlarms,
        unrelated: queries.length - listQueries,
        p50: p.p50,
        p99: p.p99,
      });
    }

    // Ours, per report: every party name of the claims screened, plus the report text scanned.
    const reports = Array.from({ length: options.quick ? 200 : 1_000 }, (_, i) =>
      reportBody(i, i % 10 === 0 ? { sanctionedName: index.table.value((i * 31) % index.nameCount) } : {}),
    );
    const reportTimes: number[] = [];
    index.forgetRecentAnswers(); // a report's parties repeat (a supplier per claim): remembered answers count here
    for (const body of reports) {
      const claims = body.claims as {
        supplier: { country: string; entity?: { name: string } };
        recipient: { country: string; entity?: { name: string } };
      }[];
      const t = performance.now();
      for (const c of claims)
        for (const p of [c.supplier, c.recipient]) if (p.entity) index.screenName({ name: p.entity.name, countries: [p.country] });
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
    let trgmUnrelated = 0;
    let trgmPlan: string[] | undefined;
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await client.query('CREATE TABLE names (entry text NOT NULL, name text NOT NULL)');
      const names = Array.from({ length: index.nameCount }, (_, i) => ({ entry: keyOf(index.table.entry(i)), name: index.table.value(i) }));
      for (let i = 0; i < names.length; i += 5_000) {
        const chunk = names.slice(i, i + 5_000);
        await client.query('INSERT INTO names SELECT * FROM unnest($1::text[], $2::text[])', [
          chunk.map((n) => n.entry),
          chunk.map((n) => n.name),
        ]);
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
      trgmUnrelated = trgmQueries.filter((q) => !q.expected).length;
      for (const threshold of TRGM_THRESHOLDS) {
        await client.query(`SET pg_trgm.similarity_threshold = ${threshold}`);
        const sweepTimes: number[] = [];
        const hit: boolean[] = [];
        let falseAlarms = 0;
        for (const q of trgmQueries) {
          const t = performance.now();
          const { rows } = await client.query<{ entry: string }>(sql, [q.name]);
          sweepTimes.push(performance.now() - t);
          hit.push(!!q.expected && rows.some((r) => r.entry === q.expected));
          if (!q.expected && rows.length > 0) falseAlarms += 1;
        }
        const p = percentiles(sweepTimes);
        sweep.push({
          engine: 'pg_trgm',
          threshold,
          ...recallOf(trgmQueries, hit),
          falseAlarms,
          unrelated: trgmUnrelated,
          p50: p.p50,
          p99: p.p99,
        });
      }
      await client.query('RESET pg_trgm.similarity_threshold');
      const explain = await client.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${sql.replace(/\$1/g, `'${trgmQueries[1]!.name.replace(/'/g, "''")}'`)}`,
      );
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
      figure: 'speed-up over pg_trgm (p99), both at default thresholds',
      value: round(speedup, 1),
      unit: '×',
      target: { text: '≥ 20× at equal or better recall', met: speedup >= 20 && ourRecall >= trgmRecall },
    });
    figures.push(
      throughput(
        'recall (list names, half with a typo)',
        ourRecall * 100,
        '%',
        Number.isFinite(trgmRecall) ? { name: 'pg_trgm', value: trgmRecall * 100 } : undefined,
      ),
    );
    figures.push({
      figure: `unrelated names matched (false alarms; pg_trgm: of ${trgmUnrelated})`,
      value: ourFalse,
      unit: `of ${queries.length - listQueries}`,
      ...(trgm ? { baseline: { name: 'pg_trgm', value: trgmFalse } } : {}),
    });
    // Sweep: every pg_trgm threshold against our highest threshold with at least its recall.
    const pct = (x: number) => `${round(x * 100, 1)} %`;
    for (const r of sweep) {
      figures.push({
        figure: `sweep ${r.engine} ≥ ${r.threshold}`,
        value: round(r.p99, 3),
        unit: 'ms',
        note: `recall ${pct(r.recall)} (as listed ${pct(r.recallExact)}, with a typo ${pct(r.recallTypo)}) · false alarms ${r.falseAlarms} of ${r.unrelated} (${pct(r.falseAlarms / r.unrelated)}) · p50 ${round(r.p50, 3)} ms · p99 ${round(r.p99, 3)} ms`,
      });
    }
    const pairs = sweep
      .filter((r) => r.engine === 'pg_trgm')
      .map((t) => {
        const o = sweep.filter((r) => r.engine === 'ours' && r.recall >= t.recall).sort((a, b) => b.threshold - a.threshold)[0];
        return { trgm: t, ours: o, ratio: o ? t.p99 / o.p99 : Number.NaN };
      });
    for (const p of pairs) {
      figures.push({
        figure: `speed-up (p99) vs pg_trgm ≥ ${p.trgm.threshold} at ≥ its recall`,
        value: p.ours ? round(p.ratio, 1) : Number.NaN,
        unit: '×',
        ...(p.ours
          ? {
              note: `${round(p.ratio, 1)} × (ours ≥ ${p.ours.threshold}: recall ${pct(p.ours.recall)}, false alarms ${pct(p.ours.falseAlarms / p.ours.unrelated)}; pg_trgm: ${pct(p.trgm.recall)}, ${pct(p.trgm.falseAlarms / p.trgm.unrelated)})`,
            }
          : { note: `no threshold of ours reaches its recall ${pct(p.trgm.recall)}` }),
        target: { text: '≥ 20×', met: p.ratio >= 20 },
      });
    }
    figures.push(latency('per report p50 (6 parties + text scan)', perReport.p50, 'ms'));
    figures.push(latency('per report p99 (6 parties + text scan)', perReport.p99, 'ms'));
    figures.push({ figure: 'index heap (after GC)', value: round(indexHeapMb, 1), unit: 'MB' });
    figures.push({ figure: 'index typed arrays (after GC)', value: round(indexArrayBuffersMb, 1), unit: 'MB' });
    figures.push({ figure: 'index build', value: index.buildStats.buildMs, unit: 'ms' });
    options.log(
      `screening: ours p99 ${round(ours.p99, 3)} ms, pg_trgm p99 ${trgm ? round(trgm.p99, 3) : '–'} ms, recall ${round(ourRecall * 100, 1)}% vs ${round(trgmRecall * 100, 1)}%`,
    );
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
        sweep,
        unrelatedExamples: unrelated.slice(0, 10),
      },
    };
  },
};
