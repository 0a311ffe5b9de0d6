/**
 * Text scans of long texts (the screening app's text path): the first `screenReport` of a report holding only a text
 * (`screenAsApp`, the app's call), over the bundled lists at the app's threshold, per 5,000 characters of four kinds of text (ordinary news text, the
 * seed article, random three-letter words, and news words with listed names written into them as analysts' sources
 * write them: as listed, lower-cased, mistyped, possessive, a family name alone, after "the tanker", with "LLC").
 *
 * Baseline, measured in the same run on the same texts: what any scan pays first, the text's words
 * (`textTokens`) each looked up once in the index's vocabulary at the scan's similarity (`lookupToken`, ≥ 0.7). The
 * ratio says how many times that floor the whole scan costs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@tm/local-stack';
import { textTokens, type ScreeningIndex } from '@tm/screening';
import { screenAsApp, textReport, type AppContext } from './screening-eval/app-call';
import { appThreshold, buildAppIndex, entryOfIndex, loadBundledLists } from './screening-eval/bundled-index';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { latency, type BenchResult, type Figure } from './support/results';
import { percentiles, round } from './support/stats';

const SLICE = 5_000;

/** A seeded generator (numerical recipes' LCG): the same texts in every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
}

/** `text` cut into slices of about `SLICE` characters, at word boundaries. */
function slices(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + SLICE);
    while (end < text.length && /\S/.test(text[end]!)) end++;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

/** Texts of each kind, about `SLICE` characters each. */
function texts(names: string[], quick: boolean): Record<string, string[]> {
  const read = (file: string) => readFileSync(join(repoRoot(), 'data', 'eval', file), 'utf8');
  const news = read('news-like-text.txt');
  const words = news.split(/\s+/).filter(Boolean);
  const random = seeded(20261207);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const count = quick ? 3 : 20;
  const fill = (word: () => string) => {
    const out: string[] = [];
    while (out.join(' ').length < SLICE) out.push(word());
    return out.join(' ');
  };
  const threeLetters = () => {
    const w = Array.from({ length: 3 }, () => pick([...letters])).join('');
    return random() < 0.3 ? w[0]!.toUpperCase() + w.slice(1) : w;
  };
  const asWritten = (name: string): string => {
    const v = random();
    if (v < 0.2) return name.toLowerCase();
    if (v < 0.4) {
      const at = Math.floor(random() * name.length);
      return name.slice(0, at) + pick([...letters]) + name.slice(at + 1);
    }
    if (v < 0.5) return `${name}'s`;
    if (v < 0.6)
      return (
        name
          .split(/[\s,]+/)
          .filter(Boolean)
          .pop() ?? name
      );
    if (v < 0.7) return `the tanker ${name}`;
    return v < 0.75 ? `${name} LLC` : name;
  };
  return {
    'news-like text': slices(news).slice(0, count),
    'seed article': slices(read('seed-article.txt')),
    'random three-letter words': Array.from({ length: count }, () => fill(threeLetters)),
    'news words with listed names (3 %)': Array.from({ length: count }, () =>
      fill(() => (random() < 0.03 ? asWritten(pick(names)) : pick(words))),
    ),
  };
}

/** The floor: each distinct word of the text looked up once in the vocabulary, as the scan's first step does. */
function lookUpWords(index: ScreeningIndex, text: string): void {
  const seen = new Set<string>();
  for (const w of textTokens(text)) {
    if (seen.has(w.text)) continue;
    seen.add(w.text);
    index.lookupToken(w.text, 0.7);
  }
}

export const textScan: Benchmark = {
  name: 'text-scan',
  title: 'Text scans: the first screenReport of a text per 5,000 characters, against looking its words up',
  async run(options: BenchOptions): Promise<BenchResult> {
    const lists = await loadBundledLists();
    const index = buildAppIndex(lists.entries);
    const { threshold } = appThreshold();
    const ctx: AppContext = { index, threshold, entryOf: entryOfIndex(index, lists.versions) };
    const names = [...lists.entries].flatMap((e) => e.names.map((n) => n.value));
    const figures: Figure[] = [];
    const details: Record<string, unknown> = { threshold, names: names.length };
    let reportNo = 0;
    for (const [kind, items] of Object.entries(texts(names, options.quick))) {
      const scans: number[] = [];
      const floors: number[] = [];
      let alerts = 0;
      for (const text of items) {
        // Per 5,000 characters: the slices are cut at word ends, a little longer or (the last) shorter.
        const per = SLICE / text.length;
        let t0 = performance.now();
        lookUpWords(index, text);
        floors.push((performance.now() - t0) * per);
        t0 = performance.now();
        alerts += screenAsApp(ctx, textReport(`text-${reportNo++}`, text)).length;
        scans.push((performance.now() - t0) * per);
      }
      const scan = percentiles(scans);
      const floor = percentiles(floors);
      figures.push(
        latency(`${kind}: scan p50 per 5,000 characters (${items.length} texts)`, scan.p50, 'ms', {
          name: 'words looked up',
          value: floor.p50,
        }),
      );
      figures.push(latency(`${kind}: scan p95`, scan.p95, 'ms', { name: 'words looked up', value: floor.p95 }));
      details[kind] = { texts: items.length, alerts, scanMs: scans.map((x) => round(x, 1)), floorMs: floors.map((x) => round(x, 1)) };
      options.log(`text-scan: ${kind}: p50 ${round(scan.p50, 1)} ms (floor ${round(floor.p50, 1)}), ${alerts} alerts`);
    }
    return { name: 'text-scan', figures, details };
  },
};
