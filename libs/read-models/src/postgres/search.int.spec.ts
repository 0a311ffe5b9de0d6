import fc from 'fast-check';
import { appendNewReport, diplomatic, evidence, readableEvents, source, transfer, useTestDatabase } from '@tm/testing';
import { projectLiveEvents } from './live-projection';
import { activeProjectionVersion } from './projection-versions';
import { searchPairs, UNSPACED_SCRIPT_CLASS } from './schema';
import { searchReadModels, type SearchAfter, type SearchFilter } from './search';

const ref = (h: { reportId: string; claimId?: string }) => (h.claimId ? `${h.reportId}/${h.claimId}` : h.reportId);

describe('searchReadModels: matches ranked in windows, pages across windows (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let schema: string;

  beforeAll(async () => {
    // 9 reports, each titled with "drones" or not, with 2 claims naming drones more or less often: 27 rows, ranks varied.
    for (let r = 0; r < 9; r++) {
      const reportId = `r${r}`;
      await appendNewReport(db.pool, reportId, [
        {
          type: 'ReportSubmitted',
          payload: {
            reportId,
            source: { ...source(r % 3 === 0 ? 'Spiegel' : 'Politico', `2023-0${(r % 9) + 1}-01`), title: r % 2 ? 'Drones again' : 'Talks' },
            sourceReliability: 'B',
            text: `Report ${r} on drones`,
            claims: [
              transfer('a', { supplier: { country: r % 2 ? 'IR' : 'CN' }, item: { description: 'drones '.repeat((r % 4) + 1).trim() } }),
              transfer('b', { item: { description: r % 3 ? 'shells' : 'drone engines' } }),
            ],
          },
        },
      ]);
    }
    await projectLiveEvents(db.pool, await readableEvents(db.pool));
    schema = (await activeProjectionVersion(db.pool)).schemaName;
  });

  /** Every hit of `q`, following the pages of `limit` hits with a window of `window`. */
  async function allPages(q: string, filter: SearchFilter, limit: number, window: number) {
    const hits: { ref: string; rank: number; window: string }[] = [];
    let after: SearchAfter | null = null;
    for (let page = 0; page < 100; page++) {
      const found = await searchReadModels(db.pool, schema, q, filter, limit, after, window);
      const shown = found.slice(0, limit);
      expect(shown.length === limit || found.length <= limit).toBe(true);
      hits.push(...shown.map((f) => ({ ref: ref(f.hit), rank: f.hit.rank, window: JSON.stringify(f.key.window) })));
      if (found.length <= limit) return hits;
      after = shown[shown.length - 1]!.key;
    }
    throw new Error('more than 100 pages');
  }

  it('with a window as large as the matches, ranks them all: best first, then by report id and claim id', async () => {
    const whole = await searchReadModels(db.pool, schema, 'drones', {}, 100, null, 1000);
    expect(whole.length).toBeGreaterThan(9);
    const ranks = whole.map((f) => f.hit.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(whole.every((f) => f.key.window === null)).toBe(true);
  });

  it.each([
    [1, 4],
    [2, 4],
    [3, 5],
    [4, 3],
    [7, 100],
  ])('pages of %i across windows of %i: every match once; within a window best rank first', async (limit, window) => {
    const everything = (await searchReadModels(db.pool, schema, 'drones', {}, 1000, null, 1000)).map((f) => ref(f.hit));
    const paged = await allPages('drones', {}, limit, window);
    expect(paged.map((h) => h.ref).sort()).toEqual([...everything].sort());
    expect(new Set(paged.map((h) => h.ref)).size).toBe(paged.length);
    // Windows come one after another, each holding `window` matches (the last fewer), ranked within.
    const windows = [...new Set(paged.map((h) => h.window))];
    for (const [i, w] of windows.entries()) {
      const inWindow = paged.filter((h) => h.window === w);
      expect(inWindow.length).toBe(i < windows.length - 1 ? window : everything.length - window * (windows.length - 1));
      expect(inWindow.map((h) => h.rank)).toEqual(inWindow.map((h) => h.rank).sort((a, b) => b - a));
    }
    // A window holds the next matches in report id, claim id order: its lowest key follows the previous window's highest.
    const keys = windows.map((w) =>
      paged
        .filter((h) => h.window === w)
        .map((h) => h.ref.replace('/', '\u0000'))
        .sort(),
    );
    for (let i = 1; i < keys.length; i++) expect(keys[i]![0]! > keys[i - 1]![keys[i - 1]!.length - 1]!).toBe(true);
  });

  it('applies the filters before windowing: windows of filtered matches, the same hits as without windows', async () => {
    for (const filter of [{ kind: 'claim' }, { kind: 'report', publisher: 'spiegel' }, { country: 'IR' }] as SearchFilter[]) {
      const whole = (await searchReadModels(db.pool, schema, 'drones', filter, 1000, null, 1000)).map((f) => ref(f.hit)).sort();
      expect(whole.length).toBeGreaterThan(1);
      expect((await allPages('drones', filter, 2, 3)).map((h) => h.ref).sort()).toEqual(whole);
    }
  });

  it('finds nothing, in one window, for words no row holds', async () => {
    expect(await searchReadModels(db.pool, schema, 'submarines', {}, 20, null, 2)).toEqual([]);
  });
});

describe('searchReadModels: headlines of the words analysts wrote, and the report title (real PostgreSQL)', () => {
  const db = useTestDatabase();
  let schema: string;
  /** A headline as text: the marks taken out. */
  const plain = (headline: string) => headline.replace(/<\/?b>/g, '');

  beforeAll(async () => {
    // As `npm run example` writes Iran's drones: an open date ([..2023-02]), codes, a deal key, a stage; a statement.
    await appendNewReport(db.pool, 'iran', [
      {
        type: 'ReportSubmitted',
        payload: {
          reportId: 'iran',
          source: { ...source('Politico', '2023-03-01'), title: 'Iran keeps arming Russia' },
          sourceReliability: 'B',
          claims: [
            transfer('iran-drones', {
              supplier: { country: 'IR', entity: { name: 'Islamic Revolutionary Guard Corps', type: 'armed-forces' } },
              recipient: { country: 'RU' },
              item: { description: 'drones', designation: 'Shahed-136', sipriCategory: 'Aircraft', euMilitaryListCategory: 'ML10' },
              stage: 'delivered',
              dealKey: 'iran-drones-to-russia',
              date: { edtf: '[..2023-02]', earliest: '-infinity', latest: '2023-02-28', precision: 'open' },
              statement: 'Iran has provided Russia with drones',
            }),
            diplomatic('visit', { outcomes: ['agreed on drone assembly in Belarus'] }),
          ],
        },
      },
      {
        type: 'EvidenceAdded',
        payload: {
          reportId: 'iran',
          evidence: evidence('iran-drones', 'supports', 'Reuters', 2, {
            statement: 'Tehran shipped more drones by sea',
            source: { ...source('Reuters'), title: 'Drone shipments across the Caspian' },
          }),
        },
      },
    ]);
    await projectLiveEvents(db.pool, await readableEvents(db.pool));
    schema = (await activeProjectionVersion(db.pool)).schemaName;
  });

  it("cuts a claim's headline from its item, statement, names and evidence, not its codes, enum values, ids or dates", async () => {
    const hits = (await searchReadModels(db.pool, schema, 'drones', { kind: 'claim' }, 20, null)).map((f) => f.hit);
    const hit = hits.find((h) => h.claimId === 'iran-drones');
    expect(hit).toMatchObject({ reportId: 'iran', claimId: 'iran-drones', title: 'Iran keeps arming Russia' });
    expect(hit!.headline).toContain('<b>drones</b>');
    expect(plain(hit!.headline)).toMatch(/Iran has provided Russia with drones/);
    // What the tester saw in the headline: date bounds, precision, category codes, kind, stage, deal key, countries, ids.
    for (const internal of [
      '-infinity',
      'open',
      'Aircraft',
      'ML10',
      'transfer',
      'delivered',
      'iran-drones',
      'iran-drones-to-russia',
      'military',
      'armed-forces',
      'IR',
      'RU',
      'supports',
      'ev-\\d+',
      '2023-\\d\\d(-\\d\\d)?',
    ])
      expect({ internal, headline: plain(hit!.headline) }).toEqual({
        internal,
        headline: expect.not.stringMatching(new RegExp(`(^|[^\\w-])${internal}($|[^\\w-])`)),
      });
  });

  it("finds a claim by a code as before (the vector is unchanged), its headline then the claim's words without a mark", async () => {
    for (const q of ['delivered', 'ML10', 'Aircraft']) {
      const hits = (await searchReadModels(db.pool, schema, q, { kind: 'claim' }, 20, null)).map((f) => f.hit);
      expect({ q, hits: hits.map((h) => h.claimId) }).toEqual({ q, hits: ['iran-drones'] });
      expect(hits[0]!.headline).not.toContain('<b>');
      expect(plain(hits[0]!.headline)).toContain('drones');
    }
  });

  it("marks a participant's name and an outcome of a diplomatic claim, not its roles, CAMEO code or event type", async () => {
    const [hit] = (await searchReadModels(db.pool, schema, 'Lukashenko assembly', { kind: 'claim' }, 20, null)).map((f) => f.hit);
    expect(hit).toMatchObject({ claimId: 'visit', title: 'Iran keeps arming Russia' });
    expect(hit!.headline).toContain('<b>Lukashenko</b>');
    expect(hit!.headline).toContain('<b>assembly</b>');
    expect(plain(hit!.headline)).not.toMatch(/visitor|host|042|\bBY\b|\bCN\b/);
  });

  it('gives a report hit its title and a headline from its title and text; evidence words find the claim', async () => {
    const [report] = (await searchReadModels(db.pool, schema, 'arming', { kind: 'report' }, 20, null)).map((f) => f.hit);
    expect(report).toEqual({
      reportId: 'iran',
      rank: expect.any(Number),
      title: 'Iran keeps arming Russia',
      headline: expect.stringContaining('<b>arming</b>'),
    });
    const [claim] = (await searchReadModels(db.pool, schema, 'Caspian', {}, 20, null)).map((f) => f.hit);
    expect(claim).toMatchObject({ claimId: 'iran-drones', headline: expect.stringContaining('<b>Caspian</b>') });
  });
});

describe('search_pairs: the character pairs of the Chinese, Japanese and Korean runs of a text (real PostgreSQL)', () => {
  const db = useTestDatabase();
  const unspacedClass = UNSPACED_SCRIPT_CLASS.replace(/\\U000(\w{5})/g, '\\u{$1}');
  const unspaced = new RegExp(`${unspacedClass}+`, 'gu');
  const anyUnspaced = new RegExp(unspacedClass, 'u');

  /** Every pair of neighbouring characters in a run of such characters of the NFC text, as a sorted set. */
  const expected = (text: string) =>
    [...new Set([...text.normalize('NFC').matchAll(unspaced)].flatMap(([run]) => [...run].slice(1).map((c, i) => [...run][i] + c)))].sort();

  it('holds each pair of neighbours of every run, in NFC (Hangul jamo composed), and no other pair; NULL without such text', async () => {
    const stored = async (text: string) => {
      const { rows } = await db.pool.query<{ p: string[] | null }>(
        `SELECT ${searchPairs('report', 'r.')} AS p FROM (SELECT jsonb_build_object('text', $1::text) AS state) r`,
        [text],
      );
      // A run's last character may be an element too (no term is one such character): the pairs are the rest.
      return rows[0]!.p === null ? null : [...new Set(rows[0]!.p.filter((p) => [...p].length === 2))].sort();
    };
    expect(await stored('Iranian drones')).toBeNull();
    expect(await stored('\u4e2d')).toEqual([]);
    expect(await stored('x \u4e2d\u56fd\u5411\u4fc4, \u4f0a\u6717 a\u97e9\u56fdb')).toEqual(
      ['\u4e2d\u56fd', '\u4f0a\u6717', '\u5411\u4fc4', '\u56fd\u5411', '\u97e9\u56fd'].sort(),
    );
    expect(await stored('\u1112\u1161\u11ab\u1100\u116e\u11a8')).toEqual(['\ud55c\uad6d']); // 한국 as jamo
    const char = fc.constantFrom(
      '\u4e2d',
      '\u56fd',
      '\u65e0',
      '\u30c6',
      '\ud55c',
      '\u1100',
      '\u1161',
      '\uf900',
      '\u{20000}',
      'a',
      ' ',
      '\u3002',
      'e\u0301',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(char, { maxLength: 12 }).map((cs) => cs.join('')),
        async (text) => {
          const want = expected(text);
          const got = await stored(text);
          expect(got).toEqual(anyUnspaced.test(text) ? want : null);
        },
      ),
      { numRuns: 200 },
    );
  });
});
