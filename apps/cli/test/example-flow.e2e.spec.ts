import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_LISTS } from '@tm/screening';
import { Pool } from 'pg';
import { createKafka, createTopics, topicNames } from '@tm/messaging';
import type { Environment } from '@tm/platform';
import {
  createTestDatabase,
  runCliProcess,
  startAppStack,
  TEST_ADMIN_KEY,
  useTestEnvironment,
  type AppStack,
  type CliRun,
  type TestDatabase,
} from '@tm/testing';

/** Runs the compiled CLI as a child process, as `npx transfer-monitor` and `npm run example` do. */
const cli = runCliProcess;

interface Row {
  direction: string;
  counterparty: string;
  assistanceType: string;
  stage: string;
  status: string;
  items: string[];
  entities: string[];
}

/**
 * Waits until the screening app has handled every stored event: the outbox relay published them all (the events
 * topic's end offsets add up to the events stored) and the screening group committed up to each partition's end.
 */
async function screeningCaughtUp(env: Environment, databaseUrl: string, timeoutMs = 120_000): Promise<void> {
  const admin = createKafka(env).admin();
  await admin.connect();
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const topic = topicNames(env.KAFKA_TOPIC_PREFIX).events;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: `${env.KAFKA_TOPIC_PREFIX}screening`, topics: [topic] }),
      ]);
      const stored = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
      const done = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset === '-1' ? '0' : p.offset)]) ?? []);
      const published = ends.reduce((n, e) => n + Number(e.high), 0);
      if (published >= stored && ends.every((e) => (done.get(e.partition) ?? 0n) >= BigInt(e.high))) return;
      if (Date.now() > deadline) throw new Error('the screening app did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.disconnect();
    await pool.end();
  }
}

describe('the article example through the real stack: every app and the CLI a child process, the CLI posting and printing', () => {
  let database: TestDatabase;
  let env: Environment;
  let stack: AppStack | undefined;
  let cliEnv: Record<string, string>;
  let printed: CliRun;
  let listImport: CliRun;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = useTestEnvironment(database.url);
    await createTopics(env);
    stack = await startAppStack(env);
    cliEnv = { ...stack.ports, TM_API_URL: stack.apiUrl, TM_API_KEY: TEST_ADMIN_KEY };
    // The lists first, as npm start imports them (where the API can import lists): the OFAC SDN list with its alias,
    // address and remarks files (names to find, and the countries its programs target), and the OpenSanctions
    // cluster (its ownership records).
    const sdn = BUNDLED_LISTS.find((l) => l.listId === 'ofac-sdn')!;
    listImport = await cli(cliEnv, 'import-list', 'ofac-sdn', ...sdn.sources, '--version', sdn.version!);
    expect((await cli(cliEnv, 'import-list', 'opensanctions', 'opensanctions/zala-kalashnikov.entities.ftm.json')).code).toBe(0);
    // As after npm start, the screening app has taken in the list versions before the example is posted (the
    // example waits for alerts to settle, not for a list import screened while it posts).
    await screeningCaughtUp(env, database.url);
    printed = await cli(cliEnv, 'example');
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    await database?.drop();
  });

  const ledger = async (country: string): Promise<Row[]> => {
    const { code, out } = await cli(cliEnv, '--json', 'ledger', country);
    expect(code).toBe(0);
    return (JSON.parse(out) as { items: Row[] }).items;
  };

  it('posts all seven reports and prints the four ledgers, the timeline and the alerts', () => {
    expect(printed.err).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.out).toContain('7 of 7 reports stored (28 claims, 3 evidence)');
    for (const title of ['Ledger of CN', 'Ledger of RU', 'Ledger of IR', 'Ledger of BY', 'Diplomatic timeline'])
      expect(printed.out).toContain(title);
    for (const text of [
      'navigation equipment',
      'jamming technology',
      'jet-fighter parts',
      'ZT-180',
      'under-negotiation',
      'denied',
      'Raisi',
      'Wang Yi',
      'Lukashenko',
    ]) {
      expect(printed.out).toContain(text);
    }
  });

  it("China's ledger: navigation, jamming and jet-fighter parts shipped to Russia; the Bingo drones under negotiation and in production, denied by Bingo", async () => {
    const toRussia = (await ledger('CN')).filter((r) => r.direction === 'supplier' && r.counterparty === 'RU');
    const shipped = toRussia.filter((r) => r.stage === 'shipped').flatMap((r) => r.items);
    expect(shipped).toEqual(expect.arrayContaining(['navigation equipment', 'jamming technology', 'jet-fighter parts']));
    const negotiated = toRussia.filter((r) => r.stage === 'under-negotiation');
    expect(negotiated.flatMap((r) => r.items).join(' ')).toMatch(/kamikaze \(strike\) drones/);
    expect(negotiated.some((r) => r.status === 'denied' || r.status === 'disputed')).toBe(true);
    const prototypes = toRussia.find((r) => r.stage === 'in-production');
    expect(prototypes).toMatchObject({ status: expect.stringMatching(/denied|disputed/) });
    expect(prototypes?.entities).toContain("Xi'an Bingo Intelligent Aviation Technology");
    expect(toRussia.some((r) => r.stage === 'alleged' && r.items.some((i) => /SU-27|Su-27/.test(i)))).toBe(true);
  });

  it("China's economic support to Belarus (the proposed joint ventures) is a CN → BY row in both ledgers; Bingo's denial covers its three claims", async () => {
    // The worked example's radio navigation receivers (07) are a CN → BY row of their own (dual-use).
    const toBelarus = (await ledger('CN')).filter(
      (r) => r.direction === 'supplier' && r.counterparty === 'BY' && r.assistanceType !== 'dual-use',
    );
    expect(toBelarus).toEqual([expect.objectContaining({ assistanceType: 'economic', stage: 'under-negotiation', status: 'active' })]);
    expect(toBelarus[0].items.join(' ')).toMatch(/machine tools, electric transport/);
    const fromChina = (await ledger('BY')).filter((r) => r.direction === 'recipient' && r.counterparty === 'CN');
    expect(fromChina.map((r) => r.assistanceType).sort()).toEqual(['dual-use', 'economic']);
    const bingo = (await ledger('CN')).filter((r) => r.entities?.includes("Xi'an Bingo Intelligent Aviation Technology"));
    expect(bingo.length).toBeGreaterThanOrEqual(3);
    for (const row of bingo) expect(row.status).toMatch(/denied|disputed/);
  });

  it("Russia's ledger receives from China, Iran and Belarus; Iran supplied drones and missiles; Belarus its territory", async () => {
    const received = (await ledger('RU')).filter((r) => r.direction === 'recipient');
    expect(new Set(received.map((r) => r.counterparty))).toEqual(new Set(['CN', 'IR', 'BY']));
    const iran = (await ledger('IR')).filter((r) => r.direction === 'supplier' && r.counterparty === 'RU' && r.stage === 'delivered');
    expect(iran.flatMap((r) => r.items)).toEqual(expect.arrayContaining(['drones', 'missiles']));
    const belarus = (await ledger('BY')).filter((r) => r.direction === 'supplier' && r.counterparty === 'RU');
    expect(belarus.flatMap((r) => r.items).join(' ')).toMatch(/Belarusian territory/);
  });

  it("China's timeline holds every diplomatic event of the article, oldest first", async () => {
    const { code, out } = await cli(cliEnv, '--json', 'timeline', 'CN');
    expect(code).toBe(0);
    const claims = (JSON.parse(out) as { items: { claimId: string }[] }).items.map((e) => e.claimId);
    expect(claims).toEqual(
      expect.arrayContaining([
        'no-limits-partnership',
        'raisi-visits-beijing',
        'wang-yi-meets-putin',
        'china-12-point-position-paper',
        'zelensky-seeks-meeting-with-xi',
        'lukashenko-visits-beijing',
        'agree-military-training-cooperation',
        'blinken-accuses-china',
        'xi-to-visit-putin-in-moscow',
      ]),
    );
    expect(claims.indexOf('no-limits-partnership')).toBeLessThan(claims.indexOf('raisi-visits-beijing'));
    expect(claims.indexOf('raisi-visits-beijing')).toBeLessThan(claims.indexOf('lukashenko-visits-beijing'));
  });

  it('is safe to run again: the second run stores nothing new', async () => {
    const before = (await ledger('CN')).length;
    const again = await cli(cliEnv, 'example');
    expect(again.code).toBe(0);
    expect((await ledger('CN')).length).toBe(before);
  });

  describe('post', () => {
    let dir: string;
    const source = (title: string) => ({ publisher: 'Post Check', title, publishedOn: '2023-03-05', sourceType: 'news' });
    // A BY–KZ visit naming Lukashenko: a timeline entry outside the article's countries, and a name-match alert that is
    // not the example's.
    const visit = (claimId: string, credibility: number) => ({
      kind: 'diplomatic-event',
      claimId,
      eventType: 'visit',
      participants: [
        { country: 'BY', entity: { name: 'Alexander Lukashenko', type: 'person' }, role: 'visitor' },
        { country: 'KZ', role: 'host' },
      ],
      date: { edtf: '2023-03-04' },
      credibility,
    });
    const write = (name: string, content: unknown) =>
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'tm-post-'));
      write('zz-good.json', { source: source('Good'), sourceReliability: 'B', claims: [visit('good-visit', 2)] });
      write('a-bad.json', { source: source('Bad'), sourceReliability: 'B', claims: [visit('bad-visit', 9)] });
      write('uni.json', { report: { source: source('Ünï ✓'), sourceReliability: 'C', claims: [visit('uni-visit', 3)] } });
      mkdirSync(join(dir, 'folder'));
      write('folder/1-not-json.json', '{ "source": ');
      write('folder/2-good.json', { source: source('In a folder'), sourceReliability: 'B', claims: [visit('folder-visit', 2)] });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('tries every file: a line per file (report id, or the file, status, field and rule), a summary, exit 1', async () => {
      const run = await cli(cliEnv, 'post', join(dir, 'zz-good.json'), join(dir, 'a-bad.json'), join(dir, 'uni.json'));
      expect(run.code).toBe(1);
      expect(run.out.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^ {2}✓ zz-good\.json: report [0-9a-f-]{36} \(1 claims\)$/),
        expect.stringMatching(/^ {2}✗ a-bad\.json: report refused: 4\d\d claims\[0\]\.credibility \w+: /),
        expect.stringMatching(/^ {2}✓ uni\.json: report [0-9a-f-]{36} \(1 claims\)$/),
        '2 of 3 reports stored (2 claims, 0 evidence), 1 failed',
      ]);
      expect(run.err.trim()).toBe('transfer-monitor: 1 of 3 report files not stored (see the lines above)');
    });

    it('posts the other files of a folder holding one that is not JSON, saying which', async () => {
      const run = await cli(cliEnv, 'post', join(dir, 'folder'));
      expect(run.code).toBe(1);
      expect(run.out.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^ {2}✗ 1-not-json\.json: not posted: not valid JSON \(/),
        expect.stringMatching(/^ {2}✓ 2-good\.json: report [0-9a-f-]{36} /),
        '1 of 2 reports stored (1 claims, 0 evidence), 1 failed',
      ]);
    });

    it("prints the alerts of the example's reports only, not the others the system holds", async () => {
      await screeningCaughtUp(env, database.url);
      const { out } = await cli(cliEnv, '--json', 'alerts');
      const all = JSON.parse(out) as { reportId: string; queryName: string }[];
      const { code, out: printedAgain } = await cli(cliEnv, '--json', 'example');
      expect(code).toBe(0);
      const example = JSON.parse(printedAgain) as { outcomes: { reportId: string }[]; alerts: { reportId: string }[] };
      const ours = new Set(example.outcomes.map((o) => o.reportId));
      // The posted visits raised alerts on reports that are not the example's: the example leaves them out.
      expect(all.filter((a) => !ours.has(a.reportId)).map((a) => a.queryName)).toContain('Alexander Lukashenko');
      expect(example.alerts.length).toBeGreaterThan(0);
      expect(example.alerts.filter((a) => !ours.has(a.reportId))).toEqual([]);
    });
  });

  it('reports every app ready, and fails in one line on a bad country', async () => {
    const health = await cli(cliEnv, 'health');
    expect(health).toMatchObject({ code: 0, err: '' });
    const bad = await cli(cliEnv, 'ledger', 'XYZ');
    expect(bad.code).toBe(1);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
  });

  it('imports the SDN list and shows the alerts raised for sanctioned people the article names (once screening serves /v1/alerts)', async () => {
    const { code, out, err } = await cli(cliEnv, '--json', 'alerts');
    if (code !== 0 && /not available/.test(err)) {
      // Not faked: the alerts endpoint is built in another issue; this assertion runs once it exists.
      console.warn(`alerts not asserted: ${err.trim()}`);
      return;
    }
    expect(listImport.code).toBe(0);
    // stderr holds import-list's progress lines (stage and time) and nothing else.
    expect(listImport.err.split('\n').filter(Boolean)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^importing ofac-sdn: succeeded/)]),
    );
    for (const line of listImport.err.split('\n').filter(Boolean)) expect(line).toMatch(/^importing ofac-sdn: /);
    expect(listImport.out).toMatch(/imported ofac-sdn version 2024-05-03: \d+ entries/);
    expect(code).toBe(0);
    const alerts = JSON.parse(out) as { listId: string; queryName: string; entryName: string }[];
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.map((a) => `${a.queryName} → ${a.entryName}`).join('\n')).toMatch(/Lukashenko|Putin/i);
    expect(printed.out).toMatch(/Alerts \(\d+\)/);
  });

  it('shows one ownership alert and one possible-diversion alert from the worked example, each explained (issue 17)', async () => {
    const ofKind = async (kind: string) => {
      const { code, out } = await cli(cliEnv, '--json', 'alerts', '--kind', kind);
      expect(code).toBe(0);
      return JSON.parse(out) as Array<{ kind: string; queryName: string; claimId: string; basis: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const owned = await ofKind('ownership');
    expect(owned).toHaveLength(1);
    expect(owned[0]).toMatchObject({
      kind: 'ownership',
      queryName: 'LLC CST',
      basis: { ownership: { aggregatedShare: 100, grounds: ['owned', 'directed'] } },
    });
    const diverted = await ofKind('possible-diversion');
    expect(diverted).toHaveLength(1);
    expect(diverted[0]).toMatchObject({
      claimId: 'by-ru-navigation-receivers',
      basis: { diversion: { path: 'CN → BY → RU', category: 'hs6:852691' } },
    });
    expect(diverted[0]!.basis.diversion.claims.map((c: { claimId: string }) => c.claimId)).toEqual([
      'cn-by-navigation-receivers',
      'by-ru-navigation-receivers',
    ]);
    // The example's table says why: the owners' share and paths, the diversion's claims and figures.
    expect(printed.out).toMatch(/LLC CST: owned, directed; listed owners hold 100 % together/);
    expect(printed.out).toMatch(/← 51 % ← Aleksandr Vyacheslavovich Zakharov/);
    expect(printed.out).toMatch(
      /possible diversion CN → BY → RU of hs6:852691: \S+\/cn-by-navigation-receivers then \S+\/by-ru-navigation-receivers/,
    );
    expect(printed.out).toMatch(/RU is the target of RUSSIA-EO14024 \(ofac-sdn\): \d+ of the program's \d+ entry countries/);
    // The article's Su-27 parts under civil-aviation papers (example 04): one misdeclared-goods alert, explained.
    const misdeclared = await ofKind('misdeclared-goods');
    expect(misdeclared).toHaveLength(1);
    expect(misdeclared[0]).toMatchObject({
      claimId: 'pla-su27-replacement-parts',
      basis: { misdeclared: { declaredAs: 'civil-aviation', signals: ['eu-military-list:ML10', 'assistance-type:military'] } },
    });
    expect(printed.out).toMatch(/misdeclared goods: replacement parts for SU-27 fighter jets/);
  });

  it('answers 200 to every link the API emits, in command answers, command status, alerts and whatever else carries links (issue 14 item 3)', async () => {
    const call = async (method: string, path: string, body?: object) => {
      const response = await fetch(`${cliEnv.TM_API_URL}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TEST_ADMIN_KEY}`,
          ...(body ? { 'content-type': 'application/json', 'idempotency-key': `links-${method}-${path}` } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return {
        path,
        status: response.status,
        location: response.headers.get('location'),
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
    };
    /** Every `links` member anywhere in a body, as [name, path]. */
    const linksIn = (value: unknown): [string, string][] => {
      if (Array.isArray(value)) return value.flatMap(linksIn);
      if (!value || typeof value !== 'object') return [];
      return Object.entries(value).flatMap(([key, member]) =>
        key === 'links' && member && typeof member === 'object'
          ? Object.entries(member).map(([name, path]) => [name, String(path)] as [string, string])
          : linksIn(member),
      );
    };
    const answers = await Promise.all(
      [
        '/v1/alerts?limit=200',
        '/v1/reports?limit=100',
        '/v1/sanctions-lists',
        '/v1/entities?q=a',
        '/v1/ledgers/CN',
        '/v1/timeline/CN',
        '/v1/api-keys',
        '/v1/webhooks/subscriptions',
        '/v1/admin/projections/read-models',
      ].map((path) => call('GET', path)),
    );
    // Writes answer with links too: a report, a list import, and (below) the review each alert links to.
    const source = { publisher: 'Link Checker', title: 'Links', publishedOn: '2023-02-23', sourceType: 'news' };
    const claim = {
      kind: 'diplomatic-event',
      claimId: 'visit',
      eventType: 'visit',
      participants: [
        { country: 'BY', role: 'visitor' },
        { country: 'CN', role: 'host' },
      ],
      date: { edtf: '2023-02-28' },
      credibility: 2,
    };
    answers.push(await call('POST', '/v1/reports', { source, sourceReliability: 'B', claims: [claim] }));
    answers.push(
      await call('POST', '/v1/sanctions-lists/ofac-sdn/imports', { source: 'ofac-sdn-2024-05-03/sdn.csv', version: '2024-05-03' }),
    );
    const followed = new Map<string, number>();
    let pending = answers.flatMap((a) => [...linksIn(a.body), ...(a.location ? [['Location', a.location] as [string, string]] : [])]);
    expect(pending.map(([name]) => name)).toEqual(expect.arrayContaining(['self', 'report', 'review', 'command', 'list', 'Location']));
    while (pending.length > 0) {
      const next: [string, string][] = [];
      for (const [name, path] of pending) {
        if (followed.has(`${name} ${path}`)) continue;
        // `review` is an action: it takes a POST (202), the others a GET (200).
        let answer =
          name === 'review' ? await call('POST', path, { status: 'acknowledged', reason: 'link check' }) : await call('GET', path);
        // A report just accepted is linked before the projector has it: a live link answers within seconds.
        for (
          const deadline = Date.now() + 10_000;
          answer.status === 404 && name !== 'review' && Date.now() < deadline;
          answer = await call('GET', path)
        )
          await new Promise((r) => setTimeout(r, 200));
        followed.set(`${name} ${path}`, answer.status);
        next.push(...linksIn(answer.body), ...(answer.location ? [['Location', answer.location] as [string, string]] : []));
      }
      pending = next;
    }
    const dead = [...followed].filter(([link, status]) => status !== (link.startsWith('review ') ? 202 : 200));
    expect(dead).toEqual([]);
    expect(followed.size).toBeGreaterThan(5);
  });
});
