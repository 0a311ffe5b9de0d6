import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Pool } from 'pg';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTopics } from '@tm/messaging';
import { BUNDLED_LISTS } from '@tm/screening';
import {
  createTestDatabase,
  runCliProcess,
  startAppStack,
  TEST_ADMIN_KEY,
  useTestEnvironment,
  type AppStack,
  type TestDatabase,
} from '@tm/testing';
import { AlertWriter } from '../../screening/src/screening/alert-writer.service';
import { buildWeb } from '../build';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it): the test fails without it, it does not skip. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Screenshots of the run (git-ignored); docs/dashboard.png is a copy of one of them. */
const ARTEFACTS = join(__dirname, '..', '..', '..', '.local', 'test-artifacts', 'dashboard');

interface AlertView {
  alertId: string;
  reportId: string;
  listId: string;
  entryId: string;
  queryName: string;
  review?: { status: string; reason: string | null };
}

describe('the dashboard in Chromium: the article example, its flows, the alert queue and a review, accessible', () => {
  let database: TestDatabase;
  let stack: AppStack | undefined;
  let api: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const requested: string[] = [];

  const call = async <T>(path: string, init: RequestInit = {}, key = TEST_ADMIN_KEY): Promise<T> => {
    const response = await fetch(`${api}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  /** axe-core over the page as it stands: no serious or critical violation. */
  const expectAccessible = async () => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    ).toEqual([]);
  };

  const screenshot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: false });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (.ci/run installs it when missing)`);
    // The API serves the dashboard from `web/` beside the compiled apps it runs from (the test run's build).
    buildWeb(join(process.env.TM_TEST_BUILD_DIR!, 'web'));
    mkdirSync(ARTEFACTS, { recursive: true });
    database = await createTestDatabase();
    const env = useTestEnvironment(database.url);
    await createTopics(env);
    stack = await startAppStack(env, {}, 150_000);
    api = stack.apiUrl;
    const cliEnv = { ...stack.ports, TM_API_URL: api, TM_API_KEY: TEST_ADMIN_KEY };
    // The SDN list as npm start imports it: with the 2025-12 alias files, which give Lukashenka his spelling Lukashenko.
    const sdn = BUNDLED_LISTS.find((l) => l.listId === 'ofac-sdn')!;
    const listImport = await runCliProcess(cliEnv, 'import-list', 'ofac-sdn', ...sdn.sources, '--version', sdn.version!);
    expect(listImport.code).toBe(0);
    const example = await runCliProcess(cliEnv, 'example');
    expect(example.out).toContain('7 of 7 reports stored');

    profile = mkdtempSync(join(tmpdir(), 'tm-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (request) => requested.push(request.url()));
  }, 420_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await stack?.stop();
    await database?.drop();
  });

  it('asks for the key once, refuses a wrong one, and shows who the key is and the position the data reflects', async () => {
    await page.goto(`${api}/ui/`);
    await expectAccessible();
    await page.getByLabel('API key').fill('tm_00000000_NotAKeyAnyoneHas_000000000000000000000');
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
    await page.getByLabel('API key').fill(TEST_ADMIN_KEY);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.getByText('(admin)').waitFor();
    await page
      .getByTestId('position')
      .filter({ hasText: /reflects global position [1-9]\d*/ })
      .waitFor();
    expect(await page.evaluate("sessionStorage.getItem('tm.apiKey')")).toBe(TEST_ADMIN_KEY);
    await page.reload(); // the key is kept for the session: no second prompt
    await page.getByText('(admin)').waitFor();
    await expectAccessible();
  }, 120_000);

  it('gives a new tab the key an open tab holds (no second prompt, nothing in localStorage); "Forget key" forgets it in every tab', async () => {
    const second = await context.newPage();
    try {
      second.on('request', (request) => requested.push(request.url()));
      await second.goto(`${api}/ui/#/alerts`);
      await second.getByText('(admin)').waitFor();
      expect(await second.evaluate("sessionStorage.getItem('tm.apiKey')")).toBe(TEST_ADMIN_KEY);
      expect(await second.evaluate('localStorage.length')).toBe(0);
      expect(await page.evaluate('localStorage.length')).toBe(0);
      // Forgotten in the second tab, it is gone from the first too: both ask for it.
      await second.getByRole('button', { name: 'Forget key' }).click();
      await second.getByLabel('API key').waitFor();
      await page.getByLabel('API key').waitFor();
      expect(await page.evaluate("sessionStorage.getItem('tm.apiKey')")).toBeNull();
      // Entered again in the first, it reaches the second, which was asking for it.
      await page.getByLabel('API key').fill(TEST_ADMIN_KEY);
      await page.getByRole('button', { name: 'Open the dashboard' }).click();
      await page.getByText('(admin)').waitFor();
      await second.getByText('(admin)').waitFor();
    } finally {
      await second.close();
    }
  }, 120_000);

  it("draws China's flows to Russia from the article (navigation, jamming and jet-fighter parts shipped; drones in production), its ledger and timeline", async () => {
    await page.goto(`${api}/ui/#/country/CN`);
    const toRussia = page.locator('[data-testid=flows-table] tr[data-flow="CN->RU"]');
    await toRussia.first().waitFor();
    const rows = await toRussia.allInnerTexts();
    expect(rows.some((r) => /shipped/.test(r))).toBe(true);
    expect(rows.some((r) => /in-production\s+(\d{4}|undated)\s+1\s+100 units/.test(r))).toBe(true);
    await page.locator('[data-testid=flow-chart] canvas').first().waitFor(); // ECharts drew the Sankey
    // The page polls with the ETag of its last answer: unchanged flows come back 304.
    const revalidated = await page.waitForResponse((r) => r.url().includes('/v1/flows?') && r.status() === 304, { timeout: 20_000 });
    expect(revalidated.request().headers()['if-none-match']).toMatch(/^"/);
    const ledger = await page.getByTestId('ledger-table').innerText();
    for (const item of ['navigation equipment', 'jamming technology', 'jet-fighter parts', 'ZT-180']) expect(ledger).toContain(item);
    expect(await page.getByTestId('timeline-table').innerText()).toMatch(/Wang Yi/);
    // The timeline's dates are dates (the CLI's bounds), the analyst's phrase beside them ('On Wednesday' alone before).
    await page.getByTestId('timeline-table').locator('tbody tr', { hasText: 'On Wednesday' }).first().waitFor();
    expect(await page.getByTestId('timeline-table').locator('tbody tr', { hasText: 'On Wednesday' }).first().innerText()).toMatch(
      /^2023-03-01 · “On Wednesday”/,
    );
    for (const date of await page.getByTestId('timeline-table').locator('tbody td:first-child').allInnerTexts())
      expect(date).toMatch(/^(\d{4}-\d{2}-\d{2})?(\.\.\d{4}-\d{2}-\d{2})?( \(.+\))?( · “.+”)?$/);
    await screenshot('country-CN');
    await expectAccessible();

    // Filters go to the API: only shipped claims, then the ledger as known before any report (position 1).
    await page.getByRole('combobox', { name: /^Stage/ }).selectOption('shipped');
    // The unfiltered table goes (it held other stages), the filtered one comes, holding shipped flows only.
    await page.locator('[data-testid=flows-table] tbody tr:not(:has-text("shipped"))').first().waitFor({ state: 'detached' });
    await page.locator('[data-testid=flows-table] tbody tr[data-flow="CN->RU"]').first().waitFor();
    expect(await page.locator('[data-testid=flows-table] tbody tr:not(:has-text("shipped"))').count()).toBe(0);
    await page.getByRole('combobox', { name: /^Stage/ }).selectOption('');
    await page.locator('[data-testid=flows-table] tbody tr:not(:has-text("shipped"))').first().waitFor();

    // "As known at" steps through the positions at which China's transfer claims changed (it spanned every global
    // position, ~70 a pixel, the example's reports all in its last pixel), from before the first to now.
    const changes = (await call<{ items: { position: number }[] }>('/v1/flows/changes?country=CN&limit=1000')).items;
    const [first, last] = [changes[0].position, changes[changes.length - 1].position];
    const slider = page.getByRole('slider', { name: 'As known at' });
    const step = page.getByTestId('as-of-step');
    await page.locator('#as-of:not([disabled])').waitFor();
    expect(await slider.getAttribute('max')).toBe(String(changes.length + 1));
    await step.filter({ hasText: /^now \(position \d+\)$/ }).waitFor();
    const categories = page.getByRole('combobox', { name: /^Category/ }).locator('option');
    const options = await categories.allInnerTexts();
    expect(options.length).toBeGreaterThan(2);
    const everything = await page.getByTestId('flows-table').innerText();
    const box = (await slider.boundingBox())!;
    // With the mouse, at the left end: before the first change, nothing.
    await page.mouse.click(box.x + 2, box.y + box.height / 2);
    await page.getByText('No transfers match.').waitFor();
    expect(await step.innerText()).toBe(`before position ${first}: nothing known yet`);
    await page.getByTestId('ledger-table').waitFor();
    expect(await page.getByTestId('ledger-table').locator('tbody tr').count()).toBe(0);
    await page.getByTestId('timeline-as-of').waitFor(); // the timeline says it is as known now (GET /v1/timeline has no asOf)
    // Nothing moved under the pointer, and the Category menu kept its options.
    expect(await slider.boundingBox()).toEqual(box);
    expect(await categories.allInnerTexts()).toEqual(options);
    await expectAccessible();
    // One step right (the keyboard): the first change, with when it was recorded.
    await slider.press('ArrowRight');
    await step.filter({ hasText: new RegExp(`^position ${first}, recorded \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC$`) }).waitFor();
    // The last change (End is now, one step left of it): everything, as now.
    await slider.press('End');
    await step.filter({ hasText: /^now/ }).waitFor();
    const atLast = page.waitForResponse((r) => r.url().includes('/v1/flows?') && r.url().includes(`asOf=${last}`));
    await slider.press('ArrowLeft');
    await step.filter({ hasText: `position ${last}, recorded` }).waitFor();
    await atLast;
    await page.getByTestId('flows-table').waitFor();
    expect(await page.getByTestId('flows-table').innerText()).toBe(everything);
    expect(await slider.boundingBox()).toEqual(box);

    // A category has one colour on every country's page (ml10 was green on China's, pink on Russia's).
    const swatches = async () => {
      const colours: Record<string, string> = {};
      for (const legend of await page.locator('.legend[data-category]').all())
        colours[(await legend.getAttribute('data-category'))!] = (await legend.locator('.swatch').getAttribute('style'))!;
      return colours;
    };
    await slider.press('End');
    await step.filter({ hasText: /^now/ }).waitFor();
    // The flows as now again (the legend is drawn from them; read mid-render, it was empty once).
    for (let i = 0; i < 200 && (await page.getByTestId('flows-table').innerText()) !== everything; i++) await page.waitForTimeout(50);
    await page.locator('.legend[data-category]').nth(1).waitFor();
    const onChina = await swatches();
    expect(Object.keys(onChina).length).toBeGreaterThan(1);
    await page.goto(`${api}/ui/#/country/RU`);
    await page.getByRole('heading', { level: 1, name: /\(RU\)/ }).waitFor();
    await page.locator('[data-testid=flows-table] tr[data-flow="CN->BY"]').first().waitFor({ state: 'detached' }); // China's table went
    await page.locator('[data-testid=flows-table] tr[data-flow="CN->RU"]').first().waitFor();
    const onRussia = await swatches();
    const shared = Object.keys(onChina).filter((c) => c in onRussia);
    expect(shared.length).toBeGreaterThan(0);
    for (const category of shared) expect([category, onRussia[category]]).toEqual([category, onChina[category]]);
  }, 120_000);

  it('shows a report with its claims, the denial as evidence with its grading, and its alerts', async () => {
    const reports = await call<{ items: { reportId: string; title: string }[] }>('/v1/reports?limit=100');
    const bingo = (
      await Promise.all(
        reports.items.map((r) => call<{ reportId: string; claims: { evidence: unknown[] }[] }>(`/v1/reports/${r.reportId}`)),
      )
    ).find((r) => r.claims.some((c) => c.evidence.length > 0));
    expect(bingo).toBeDefined();
    await page.goto(`${api}/ui/#/report/${bingo!.reportId}`);
    await page.getByRole('heading', { name: /Claims \(\d+\)/ }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/denies — China Digital Times/);
    expect(text).toMatch(/graded [A-F]\d? \(/);
    await screenshot('report');
    await expectAccessible();
  }, 120_000);

  it('searches "drones" and opens a hit: the Bingo drone claims, the word marked', async () => {
    await page.getByLabel('Search', { exact: true }).fill('drones');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hits = page.getByTestId('search-hits');
    await hits.locator('mark').first().waitFor();
    expect((await hits.locator('mark').allInnerTexts()).every((m) => /^drones?$/i.test(m))).toBe(true);
    expect(await hits.innerText()).toMatch(/claim bingo-/);
    // Each hit under its report's title, its highlight the words analysts wrote: not the claim's date bounds, codes,
    // enum values or ids (the tester saw "Iran has provided Russia with drones · -infinity · open · drones · Aircraft · ML10 · …").
    const iran = hits.locator('li[data-claim="iran-drones-to-russia"]');
    expect(await iran.getByRole('link').innerText()).toBe(
      'Calling for Peace in Ukraine, China Courts Belarus, Russia, claim iran-drones-to-russia',
    );
    expect(await iran.locator('.headline').innerText()).toMatch(/Iran has provided Russia with drones/);
    for (const headline of await hits.locator('.headline').allInnerTexts())
      expect(headline).not.toMatch(/-infinity|iran-drones-to-russia|\bAircraft\b|\bML10\b|\b(IR|RU|CN) · |under-negotiation|\[\.\.2023/);
    expect(await hits.locator('a', { hasText: /^report [0-9a-f]{8}/ }).count()).toBe(0);
    await expectAccessible();
    // A claim hit opens the report at that claim: the card marked and focused.
    await iran.getByRole('link').click();
    await page.waitForURL(/#\/report\/[^/]+\/claim\/iran-drones-to-russia$/);
    const card = page.locator('article.claim-target[data-claim="iran-drones-to-russia"]');
    await card.waitFor();
    await page.waitForFunction("document.activeElement?.getAttribute('data-claim') === 'iran-drones-to-russia'");
    expect(await card.isVisible()).toBe(true);
    expect(await page.locator('article.claim-target').count()).toBe(1);
    await expectAccessible();
    await page.goBack();
    await hits.getByRole('link').first().click();
    await page.getByRole('heading', { name: /Claims \(\d+\)/ }).waitFor();
  }, 120_000);

  it('opens an entity from part of its name: names offered as one types, one match opened, several listed; participants link to their pages', async () => {
    await page.goto(`${api}/ui/#/`);
    const box = page.getByRole('search', { name: 'Open an entity' });
    const name = box.getByLabel(/Name of a person, company or body/);
    // Part of a name: the directory's names holding it are offered (GET /v1/entities?q=), each a link to its page.
    await name.fill('luka');
    const offered = page.getByTestId('entity-suggestions');
    await offered.getByRole('link', { name: 'Alexander Lukashenko' }).waitFor();
    const options = await page.locator('#entity-names option').all();
    expect(await Promise.all(options.map((o) => o.getAttribute('value')))).toContain('Alexander Lukashenko');
    await expectAccessible();
    // The tester's case: "Lukashenko" and Open (it said "No report names “Lukashenko”"): the one name holding it opens.
    await name.fill('Lukashenko');
    await box.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(/#\/entity\/Alexander%20Lukashenko$/);
    await page.getByRole('heading', { level: 1, name: /Lukashenko/ }).waitFor();
    await page.getByRole('heading', { name: 'Sanctions list entries matched' }).waitFor();
    expect(await page.getByText(/No report names/).count()).toBe(0);
    // Words several names hold: listed to choose from, nothing opened.
    await page.goto(`${api}/ui/#/`);
    await name.fill('xi');
    await box.getByRole('button', { name: 'Open' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /names hold “xi”: choose one below/ })
      .waitFor();
    expect(await offered.getByRole('link').allInnerTexts()).toEqual(
      expect.arrayContaining(['Xi Jinping', "Xi'an Bingo Intelligent Aviation Technology"]),
    );
    expect(new URL(page.url()).hash).toBe('#/');
    await expectAccessible();
    await offered.getByRole('link', { name: 'Xi Jinping' }).click();
    await page.getByRole('heading', { level: 1, name: /Xi Jinping/ }).waitFor();
    // A diplomatic claim's participants link to their entity pages (the report of Lukashenko's visit).
    const reports = await call<{ items: { reportId: string; title: string }[] }>('/v1/reports?limit=100');
    const visit = reports.items.find((r) => r.title.startsWith("Lukashenko's visit to Beijing"))!;
    await page.goto(`${api}/ui/#/report/${visit.reportId}`);
    const claim = page.locator('article[data-claim="lukashenko-visits-beijing"]');
    // The summary line's links (an alert on the claim may link the same name).
    await claim.getByRole('link', { name: 'Xi Jinping' }).first().waitFor();
    await claim.getByRole('link', { name: 'Alexander Lukashenko' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Lukashenko/ }).waitFor();
    // So do the timeline's participants (China's page), and its statement links to the claim.
    await page.goto(`${api}/ui/#/country/CN`);
    const timeline = page.getByTestId('timeline-table');
    await timeline.getByRole('link', { name: 'Wang Yi' }).first().waitFor();
    expect(await timeline.getByRole('link', { name: 'Xi Jinping' }).count()).toBeGreaterThan(0);
    await timeline.getByRole('link', { name: 'Wang Yi' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Wang Yi/ }).waitFor();
    await page.goto(`${api}/ui/#/`); // the next test opens Lukashenko's page afresh
    await page.getByRole('heading', { level: 1, name: 'Transfer Monitor' }).waitFor();
  }, 120_000);

  it("opens Lukashenko's entity page (one GET /v1/entities/{id}) with his list entry and alerts", async () => {
    const before = requested.length;
    await page.goto(`${api}/ui/#/entity/${encodeURIComponent('Alexander Lukashenko')}`);
    await page.getByRole('heading', { name: 'Sanctions list entries matched' }).waitFor();
    await page.locator('#entries li').first().waitFor();
    expect(await page.locator('#entries').innerText()).toMatch(/LUKASHENKA, Alyaksandr.*ofac-sdn entry \d+/);
    await page.locator('#entity-alerts li').first().waitFor();
    expect(await page.locator('#entity-alerts').innerText()).toMatch(
      /ofac-sdn LUKASHENKA, Alyaksandr[^,]*, score [\d.]+, on “Alexander Lukashenko” in report/,
    );
    expect(await page.getByRole('heading', { name: /^Alerts \(\d+\)$/ }).innerText()).not.toBe('Alerts (0)');
    expect(await page.locator('#entity-claims li').count()).toBeGreaterThan(0);
    // The page asks the entity route, not every alert page by page.
    const asked = requested.slice(before).map((url) => new URL(url).pathname);
    expect(asked.filter((path) => path.startsWith('/v1/entities/'))).not.toEqual([]);
    expect(asked.filter((path) => path === '/v1/alerts')).toEqual([]);
    await screenshot('entity');
    await expectAccessible();

    // Another entity's page starts afresh: no reason, name or outcome of the merge tried on this one (nor its claims' page).
    const merge = page.getByRole('form', { name: 'Merge or split names' });
    await merge.getByLabel('Reason').fill('same man');
    await merge.getByLabel('Another name of this party').fill('No Such Name Anywhere');
    await merge.getByRole('button', { name: 'Merge' }).click();
    await merge.getByRole('status').filter({ hasText: /\w/ }).waitFor(); // the API's refusal
    await page.goto(`${api}/ui/#/entity/${encodeURIComponent('Vladimir Putin')}`);
    await page.getByRole('heading', { level: 1, name: /Putin/i }).waitFor();
    await merge.waitFor();
    expect(await merge.getByLabel('Reason').inputValue()).toBe('');
    expect(await merge.getByLabel('Another name of this party').inputValue()).toBe('');
    expect(await merge.getByRole('status').innerText()).toBe('');
  }, 120_000);

  it('lists the alert queue grouped by report, and reviews an alert (dismissed, with a reason) through the API', async () => {
    const open = await call<{ items: AlertView[] }>('/v1/alerts?status=open&limit=200');
    expect(open.items.length).toBeGreaterThan(0);
    await page.goto(`${api}/ui/#/alerts`);
    const target = open.items[0];
    const row = page.locator(`tr[data-alert="${target.alertId}"]`);
    await row.waitFor();
    expect(await page.locator('section.alert-group').count()).toBe(new Set(open.items.map((a) => a.reportId)).size);
    await screenshot('alerts');
    await expectAccessible();
    // Grouped by list entry: one section per entry the open alerts matched.
    await page.getByLabel('Group by').selectOption('entry');
    await page.locator('section.alert-group[data-group=entry]').first().waitFor();
    expect(await page.locator('section.alert-group').count()).toBe(new Set(open.items.map((a) => `${a.listId}/${a.entryId}`)).size);
    await expectAccessible();
    await page.getByLabel('Group by').selectOption('report');
    await page.locator('section.alert-group[data-group=report]').first().waitFor();

    // A report's alerts at once, then the one alert.
    const group = page.locator('section.alert-group', { has: row });
    const inGroup = await group.locator('tr[data-alert]').count();
    await group.getByLabel('select all of this report').check();
    await page.getByRole('button', { name: `Review ${inGroup} selected` }).waitFor();
    await group.getByLabel('select all of this report').uncheck();
    await row.getByRole('checkbox').check();
    await page.getByLabel('Reason').fill('another person of the same name (browser test)');
    await page.getByLabel('Review as').selectOption('dismissed');
    await page.getByRole('button', { name: 'Review 1 selected' }).click();
    await page.getByRole('status').filter({ hasText: '1 alert(s) dismissed' }).waitFor({ timeout: 20_000 });
    const reviewed = await call<AlertView>(`/v1/alerts/${target.alertId}`);
    expect(reviewed.review).toMatchObject({ status: 'dismissed', reason: 'another person of the same name (browser test)' });
    // The queue of dismissed alerts shows it (the page polls with ETags).
    await page.getByLabel('State').selectOption('dismissed');
    await row.getByText('dismissed', { exact: true }).waitFor({ timeout: 20_000 });
  }, 120_000);

  it("shows the sanctions lists with the version in force, and finds Lukashenko's entry with its versions and alerts", async () => {
    await page.goto(`${api}/ui/#/lists`);
    await page.getByTestId('lists-table').getByText('2024-05-03').waitFor();
    await page.getByLabel('Name contains').fill('lukashenk');
    await page.getByRole('button', { name: 'Find entries' }).click();
    const entry = page.getByTestId('list-entries-table').locator('tbody tr', { hasText: 'LUKASHENKA, Alyaksandr' });
    await entry.waitFor();
    await entry.getByRole('button').click();
    await page
      .getByTestId('entry-history')
      .filter({ hasText: /designated 2024-05-03; [1-9]\d* alert\(s\)/ })
      .waitFor();
    await screenshot('lists');
    await expectAccessible();
    // The entry's name opens its own view (its versions and alerts), not an entity page the reports do not hold.
    await entry.getByRole('link', { name: 'LUKASHENKA, Alyaksandr' }).click();
    await page.waitForURL(/#\/lists\/ofac-sdn\/[^/]+$/);
    const view = page.getByTestId('list-entry');
    await view.filter({ hasText: /designated 2024-05-03/ }).waitFor();
    await view
      .getByRole('link', { name: /alert in report [0-9a-f]{8}/ })
      .first()
      .waitFor();
    expect(await page.getByRole('heading', { name: /^ofac-sdn entry \S+: LUKASHENKA, Alyaksandr/ }).count()).toBe(1);
    await expectAccessible();
  }, 120_000);

  it("pages a list's entries forward and back from the keyboard: Previous is disabled on the first page and brings it back", async () => {
    await page.goto(`${api}/ui/#/lists`);
    await page.reload(); // a new search, not the one above
    const table = page.getByTestId('list-entries-table');
    const ids = () => table.locator('tbody th[scope=row]').allInnerTexts();
    const row = (id: string) => table.locator('tbody th[scope=row]', { hasText: new RegExp(`^${id}$`) });
    const previous = page.getByRole('button', { name: 'Previous entries' });
    const next = page.getByRole('button', { name: 'Next entries' });
    await table.waitFor();
    await next.waitFor(); // the SDN list holds more than one page of 50
    const first = await ids();
    expect(first).toHaveLength(50);
    expect(await previous.isDisabled()).toBe(true);
    await next.focus();
    await page.keyboard.press('Enter');
    await row(first[0]).waitFor({ state: 'detached' });
    await table.waitFor();
    const second = await ids();
    expect(second[0] > first[49]).toBe(true); // the next 50 by entry id
    expect(await previous.isDisabled()).toBe(false);
    await page.keyboard.press('Shift+Tab'); // the focus stayed on Next; Previous is before it
    expect(await previous.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await row(first[0]).waitFor();
    expect(await ids()).toEqual(first);
    expect(await previous.isDisabled()).toBe(true);
    // A double click on Next goes one page on, and one Previous back to the first (it kept the cursor twice).
    await next.dblclick();
    await row(first[0]).waitFor({ state: 'detached' });
    await row(second[0]).waitFor();
    expect(await ids()).toEqual(second);
    await previous.click();
    await row(first[0]).waitFor();
    expect(await previous.isDisabled()).toBe(true);
    await expectAccessible();
  }, 120_000);

  it('asks nothing of another origin (no CDN, no network but the API), nor a favicon.ico (a 404 on every page)', async () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith(`${api}/`))).toEqual([]);
    expect(requested.filter((url) => new URL(url).pathname === '/favicon.ico')).toEqual([]);
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('data:,');
  });

  it('offers no review to a viewer key (GET /v1/me says what the role allows)', async () => {
    const viewer = await call<{ key: string }>('/v1/api-keys', {
      method: 'POST',
      body: JSON.stringify({ name: 'dashboard viewer', role: 'viewer' }),
    });
    expect(await call<{ role: string; allowed: string[] }>('/v1/me', {}, viewer.key)).toMatchObject({ role: 'viewer', allowed: [] });
    await page.getByRole('button', { name: 'Forget key' }).click();
    await page.getByLabel('API key').fill(viewer.key);
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.getByText('(viewer)').waitFor();
    await page.goto(`${api}/ui/#/alerts`);
    await page.locator('section.alert-group').first().waitFor();
    expect(await page.getByRole('form', { name: 'Review the selected alerts' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
  }, 120_000);

  it("shows a report's alerts however many newer alerts other reports have (it read the newest 1,000 and filtered them), and the queue says it shows the newest 1,000", async () => {
    const [alert] = (await call<{ items: AlertView[] }>('/v1/alerts?kind=name-match&limit=1')).items;
    expect(alert).toBeDefined();
    // 1,000 alerts raised after it on another report, as screening would raise them.
    const pool = new Pool({ connectionString: database.url, max: 4 });
    try {
      const writer = new AlertWriter(pool);
      const other = randomUUID();
      // Four at a time (the pool's size): one by one, the 1,000 transactions took most of the test's time on a slow day.
      const raise = (i: number) =>
        writer.raise(
          {
            reportId: other,
            queryName: 'X',
            location: `claims[c${i}].supplier.entity`,
            claimId: `c${i}`,
            listId: 'un',
            entryId: String(i),
            listVersion: '2026-02-27',
            entryName: 'X',
            matchedName: 'X',
            matchedNameKind: 'primary',
            programs: [],
            countries: [],
            score: 0.9,
            explanation: { tokens: [], penalties: [], notes: [] },
          },
          'report-submitted',
          {},
        );
      for (let i = 0; i < 1000; i += 4) await Promise.all([i, i + 1, i + 2, i + 3].map(raise));
    } finally {
      await pool.end();
    }
    await page.goto(`${api}/ui/#/report/${alert!.reportId}`);
    await page.getByRole('heading', { name: /Claims \(\d+\)/ }).waitFor();
    await page.getByText(`“${alert!.queryName}” matches`).first().waitFor({ timeout: 15_000 });
    // The queue shows the newest 1,000 open alerts, and says that more match (it dropped the rest without a word).
    await page.goto(`${api}/ui/#/alerts`);
    await page.locator('section.alert-group').first().waitFor();
    await page.getByText(/the newest 1000 alerts; more match/).waitFor({ timeout: 15_000 });
    await expectAccessible();
  }, 240_000);
});
