/**
 * The targets of issue 12 as rows of the evaluation's summary table: each figure of `npm run eval` against its
 * target (met / NOT MET / not measured), plus rows for figures measured elsewhere and informative figures.
 */
import type { CrossScriptResult } from './cross-script-set';
import type { MadeUpResult } from './made-up-set';
import { pct, verdict, type Target } from './metrics';
import type { PairsResult } from './pairs-set';
import type { TextResult } from './text-set';
import type { TypoResult } from './typo-set';
import type { UnResult } from './un-perturbed-set';

/** Everything the sets measured (a set absent: its data file is missing). */
export interface EvalResults {
  pairs?: PairsResult;
  un?: UnResult;
  typo?: TypoResult;
  crossScript?: CrossScriptResult;
  madeUp?: MadeUpResult;
  text?: TextResult;
  /** Index memory after a GC, MB: V8 heap, and typed arrays' contents (kept outside the heap). */
  size: { indexHeapMb: number; indexArrayBuffersMb: number; buildMs: number };
}

/** A summary row: a target (judged) or an informative figure / pointer (`goal` says so, never judged). */
export interface SummaryRow extends Target {
  result: 'met' | 'NOT MET' | 'not measured' | 'info' | 'elsewhere';
}

const judged = (t: Target): SummaryRow => ({ ...t, result: verdict(t) });
const info = (id: string, label: string, shown: string, note?: string): SummaryRow => ({
  id,
  label,
  shown,
  goal: '—',
  op: '>=',
  bound: 0,
  result: 'info',
  ...(note ? { note } : {}),
});
const missing = (id: string, label: string, goal: string, note: string): SummaryRow => ({
  id,
  label,
  goal,
  op: '>=',
  bound: 0,
  result: 'not measured',
  note,
});

/** The summary rows, in the order of the issue's target list. */
export function summaryRows(r: EvalResults): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const p = r.pairs;
  if (p) {
    const m = p.metrics;
    rows.push(
      judged({
        id: 'pairs.accuracy',
        label: `300 pairs: accuracy (precision ${pct(m.precision)}, recall ${pct(m.recall)})`,
        value: m.accuracy,
        shown: m.accuracy.toFixed(3),
        goal: '≥ 0.95',
        op: '>=',
        bound: 0.95,
      }),
    );
  } else rows.push(missing('pairs.accuracy', '300 pairs: accuracy', '≥ 0.95', 'data/eval/name-pairs-companies-vessels.csv missing'));
  if (r.un) {
    const u = r.un;
    rows.push(
      judged({
        id: 'un.rightEntry',
        label: `UN perturbed (${u.changed} perturbed rows still listed): right entry alerted`,
        value: u.rightEntryAlertedChanged,
        shown: pct(u.rightEntryAlertedChanged),
        goal: '≥ 98 %',
        op: '>=',
        bound: 0.98,
      }),
    );
    rows.push(
      judged({
        id: 'un.recallAt10',
        label: 'UN perturbed: recall@10 (screenName, threshold 0, limit 10)',
        value: u.recallAt10Changed,
        shown: pct(u.recallAt10Changed),
        goal: '100 %',
        op: '>=',
        bound: 1,
      }),
    );
    rows.push(
      info(
        'un.all',
        `UN perturbed file, all ${u.stillListed} still-listed rows: right entry alerted / recall@10`,
        `${pct(u.rightEntryAlerted)} / ${pct(u.recallAt10)}`,
      ),
    );
    rows.push(
      info(
        'un.falseAlarms',
        'UN perturbed: queries alerting another UN entry / another entry of any list',
        `${u.otherUnEntryQueries} / ${u.falseAlarmQueries}`,
      ),
    );
  } else rows.push(missing('un.rightEntry', 'UN perturbed: right entry alerted', '≥ 98 %', 'data/eval/un-positives-*.csv missing'));
  if (r.typo) {
    rows.push(
      judged({
        id: 'typo.recall',
        label: `benchmark list names with one typo (${r.typo.typoQueries}): recall`,
        value: r.typo.recallTypo,
        shown: pct(r.typo.recallTypo),
        goal: '≥ 95 %',
        op: '>=',
        bound: 0.95,
      }),
    );
    rows.push(
      judged({
        id: 'typo.unrelated',
        label: `benchmark unrelated names alerted (of ${r.typo.unrelated})`,
        value: r.typo.unrelatedAlerted,
        shown: String(r.typo.unrelatedAlerted),
        goal: '0',
        op: '<=',
        bound: 0,
      }),
    );
    rows.push(info('typo.asListed', 'benchmark list names as listed: recall', pct(r.typo.recallAsListed)));
  }
  rows.push({
    id: 'typo.speedup',
    label: '≥ 20× faster than pg_trgm at equal or better recall',
    goal: '≥ 20×',
    op: '>=',
    bound: 20,
    result: 'elsewhere',
    note: 'see npm run bench -- screening',
  });
  if (p) {
    for (const s of p.byScript) {
      if (s.tp + s.fn === 0) continue;
      rows.push(
        judged({
          id: `pairs.script.${s.script}`,
          label: `pairs, ${s.script}: true matches matched (${s.tp} of ${s.tp + s.fn})`,
          value: s.recall,
          shown: pct(s.recall),
          goal: '≥ 80 %',
          op: '>=',
          bound: 0.8,
        }),
      );
    }
    const atZero = p.byScript.filter((s) => s.tp + s.fn > 0 && s.tp === 0).map((s) => s.script);
    rows.push(
      judged({
        id: 'pairs.script.none0',
        label: `pairs: script groups with no match found${atZero.length ? ` (${atZero.join(', ')})` : ''}`,
        value: atZero.length,
        shown: String(atZero.length),
        goal: '0',
        op: '<=',
        bound: 0,
      }),
    );
  }
  for (const file of r.text?.files ?? []) {
    if (!file.present)
      rows.push(missing(`text.${file.file}`, `text scan ${file.file}: alerts`, '0', `data/eval/${file.file} not there yet`));
    else
      rows.push(
        judged({
          id: `text.${file.file}`,
          label: `text scan ${file.file} (${file.paragraphs} paragraphs): alerts`,
          value: file.alerts,
          shown: String(file.alerts),
          goal: '0',
          op: '<=',
          bound: 0,
        }),
      );
  }
  const pos = r.text?.positives;
  if (pos?.present) rows.push(info('text.positives', `text positives found (of ${pos.rows})`, pct(pos.share)));
  else
    rows.push({
      id: 'text.positives',
      label: 'text positives found',
      goal: '—',
      op: '>=',
      bound: 0,
      result: 'not measured',
      note: 'data/eval/text-positives.csv not there yet',
    });
  if (r.madeUp) {
    const m = r.madeUp;
    rows.push(
      judged({
        id: 'madeUp.count',
        label: 'made-up names screened (faker, several scripts)',
        value: m.names,
        shown: String(m.names),
        goal: '≥ 2,000',
        op: '>=',
        bound: 2000,
      }),
    );
    rows.push(
      judged({
        id: 'madeUp.share',
        label: `made-up names alerted (${m.alerted} of ${m.names})`,
        value: m.share,
        shown: `${(m.share * 100).toFixed(2)} %`,
        goal: '≤ 0.1 %',
        op: '<=',
        bound: 0.001,
      }),
    );
  }
  if (r.crossScript) {
    for (const s of r.crossScript.byScript)
      rows.push(
        info(
          `crossScript.${s.script}`,
          `UN original-script names, ${s.script}: right entry alerted (${s.alerted} of ${s.queries})`,
          pct(s.share),
          'index without original-script names',
        ),
      );
  }
  rows.push({
    id: 'prefilter.exact',
    label: 'pre-filter exactness against brute force',
    goal: '0 differences',
    op: '<=',
    bound: 0,
    result: 'elsewhere',
    note: 'see npm test',
  });
  if (r.typo)
    rows.push(
      judged({
        id: 'speed.p99',
        label: `party path per name p99 (p50 ${r.typo.latency.p50.toFixed(3)} ms, ${r.typo.latency.n} names)`,
        value: r.typo.latency.p99,
        shown: `${r.typo.latency.p99.toFixed(3)} ms`,
        goal: '≤ 0.5 ms',
        op: '<=',
        bound: 0.5,
      }),
    );
  rows.push(
    judged({
      id: 'size.memory',
      label: `index memory: heap ${r.size.indexHeapMb.toFixed(1)} + typed arrays ${r.size.indexArrayBuffersMb.toFixed(1)} MB (gc before/after the build)`,
      value: r.size.indexHeapMb + r.size.indexArrayBuffersMb,
      shown: `${(r.size.indexHeapMb + r.size.indexArrayBuffersMb).toFixed(1)} MB`,
      goal: '≤ 50 MB',
      op: '<=',
      bound: 50,
    }),
  );
  rows.push(info('size.build', 'index build (ScreeningIndexBuilder, bundled lists)', `${r.size.buildMs} ms`));
  return rows;
}

/** Exit code of `npm run eval`: 0, or 1 with `--strict` when a target is not met (the README's promise). */
export function evalExitCode(rows: readonly Pick<SummaryRow, 'result'>[], strict: boolean): number {
  return strict && rows.some((r) => r.result === 'NOT MET') ? 1 : 0;
}
