import type { Claim } from '../report/model';
import type { DiversionBasisV1, DiversionClaimV1, ProgramTargetV1 } from './events';

/** One transfer claim as a flow of an item category between two countries (from a report's transfer claim). */
export interface TransferLeg {
  reportId: string;
  claimId: string;
  /** ISO 3166-1 alpha-2 of the supplier and recipient. */
  from: string;
  to: string;
  item: { description: string; hs6?: string; chplTier?: string; sipriCategory?: string };
  /** The claim's date: EDTF as reported and its bounds (ISO dates; `-infinity`/`infinity` for an open end). */
  date: { edtf: string; earliest: string; latest: string };
  stage: string;
}

export interface DiversionSettings {
  /** Most days from the end of the first leg (A → B) to the start of the onward leg (B → C). */
  windowDays: number;
}

export const DEFAULT_DIVERSION_WINDOW_DAYS = 365;

/** Counts of a program's entries in force by country, per list (what `programTargets` derives targets from). */
export interface ProgramCountryCount {
  listId: string;
  program: string;
  country: string;
  entries: number;
}

export interface ProgramTargetSettings {
  /** Fewest entries of the country under the program. */
  minEntries: number;
  /** Least share of the program's entry countries (each entry counted once per country it gives), in (0, 1]. */
  minShare: number;
}

export const DEFAULT_PROGRAM_TARGET_SETTINGS: ProgramTargetSettings = { minEntries: 100, minShare: 0.5 };

/**
 * The countries the sanctions programs in force target, derived from the lists (never a fixed set): a program of a
 * list targets a country when at least `minShare` of the program's entry countries (an entry counted once per
 * country it gives) are that one, and at least `minEntries` entries give it (OFAC's RUSSIA-EO14024 → RU,
 * BELARUS-EO14038 → BY, IRAN → IR). Sorted by list, program.
 */
export function programTargets(
  counts: readonly ProgramCountryCount[],
  settings: ProgramTargetSettings = DEFAULT_PROGRAM_TARGET_SETTINGS,
): ProgramTargetV1[] {
  const totals = new Map<string, number>();
  const key = (c: Pick<ProgramCountryCount, 'listId' | 'program'>) => `${c.listId}\u0000${c.program}`;
  for (const c of counts) totals.set(key(c), (totals.get(key(c)) ?? 0) + c.entries);
  const out: ProgramTargetV1[] = [];
  for (const c of counts) {
    const total = totals.get(key(c))!;
    if (c.entries >= settings.minEntries && c.entries / total >= settings.minShare)
      out.push({ listId: c.listId, program: c.program, country: c.country, entries: c.entries, programEntries: total });
  }
  return out.sort((a, b) => a.listId.localeCompare(b.listId) || a.program.localeCompare(b.program) || a.country.localeCompare(b.country));
}

/**
 * The legs of a report's claims: each transfer claim with a date and an item category (an HS-6 subheading or a SIPRI
 * category), from its supplier's country to its recipient's. A retracted or denied claim is still a claim here: the
 * caller leaves out retracted reports.
 */
export function transferLegsOf(reportId: string, claims: readonly Claim[]): TransferLeg[] {
  const legs: TransferLeg[] = [];
  for (const c of claims) {
    if (c.kind !== 'transfer' || !c.date || !c.supplier?.country || !c.recipient?.country) continue;
    const { description, hs6, chplTier, sipriCategory } = c.item;
    const item = { description, ...(hs6 ? { hs6 } : {}), ...(chplTier ? { chplTier } : {}), ...(sipriCategory ? { sipriCategory } : {}) };
    const leg: TransferLeg = {
      reportId,
      claimId: c.claimId,
      from: c.supplier.country,
      to: c.recipient.country,
      item,
      date: { edtf: c.date.edtf, earliest: c.date.earliest, latest: c.date.latest },
      stage: c.stage,
    };
    if (categoryKeys(leg).length) legs.push(leg);
  }
  return legs;
}

/** The category keys of a leg: `hs6:<code>` and `sipri:<category>` (lower case), as the claim gives them. */
export function categoryKeys(leg: Pick<TransferLeg, 'item'>): string[] {
  const keys: string[] = [];
  if (leg.item.hs6) keys.push(`hs6:${leg.item.hs6}`);
  if (leg.item.sipriCategory) keys.push(`sipri:${leg.item.sipriCategory.trim().toLowerCase()}`);
  return keys;
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS;

/** A leg with what the pair rule reads of it, computed once: its category keys and its bounds as days. */
interface PairLeg {
  leg: TransferLeg;
  keys: readonly string[];
  /** `dayOf` its earliest and latest bound (NaN for an open one: the rule reads `gapDays` only when both are closed). */
  earliestDay: number;
  latestDay: number;
}

const pairLegOf = (leg: TransferLeg): PairLeg => ({
  leg,
  keys: categoryKeys(leg),
  earliestDay: dayOf(leg.date.earliest),
  latestDay: dayOf(leg.date.latest),
});

/** Days from the end of `first` to the start of `onward` (negative when they overlap), or undefined for an open end. */
function gapDays(first: PairLeg, onward: PairLeg): number | undefined {
  if (first.leg.date.latest === 'infinity' || onward.leg.date.earliest === '-infinity') return undefined;
  return onward.earliestDay - first.latestDay;
}

/** The programs of `targets` targeting `c` that do not target `b` (the same list and program). */
function programsAgainst(targets: readonly ProgramTargetV1[], b: string, c: string): ProgramTargetV1[] {
  const transitTargetedBy = new Set(targets.filter((t) => t.country === b).map((t) => `${t.listId}\u0000${t.program}`));
  return targets.filter((t) => t.country === c && !transitTargetedBy.has(`${t.listId}\u0000${t.program}`));
}

/**
 * The pair rule without its basis (what `decideDiversion` decides; `findDiversionRoutes` calls it for every pair of a
 * route, so it builds no text): `programsOf(b, c)` gives `programsAgainst`.
 * @returns the shared category (the first of the first leg's keys the onward leg has), the gap (undefined for an open
 * bound) and the programs, or undefined when the pair does not qualify.
 */
function qualifyingPair(
  firstLeg: PairLeg,
  onwardLeg: PairLeg,
  programsOf: (b: string, c: string) => ProgramTargetV1[],
  settings: DiversionSettings,
): { category: string; gap: number | undefined; programs: ProgramTargetV1[] } | undefined {
  const [first, onward] = [firstLeg.leg, onwardLeg.leg];
  const [a, b, c] = [first.from, first.to, onward.to];
  if (onward.from !== b || a === b || b === c || a === c) return undefined;
  const category = firstLeg.keys.find((k) => onwardLeg.keys.includes(k));
  if (category === undefined) return undefined;
  if (onward.date.latest < first.date.earliest) return undefined;
  const gap = gapDays(firstLeg, onwardLeg);
  if (gap !== undefined && gap > settings.windowDays) return undefined;
  const programs = programsOf(b, c);
  return programs.length === 0 ? undefined : { category, gap, programs };
}

/**
 * The diversion rule (pure) for one ordered pair of legs: `first` A → B and `onward` B → C of a shared item category
 * (the same HS-6 subheading, or the same SIPRI category), A, B and C three countries, the onward leg not ending before
 * the first begins and beginning at most `windowDays` after the first ends (an open bound is taken as meeting the
 * window), C targeted by a program in force that does not target B. @returns the basis of a `possible-diversion`
 * alert, or undefined.
 */
export function decideDiversion(
  first: TransferLeg,
  onward: TransferLeg,
  targets: readonly ProgramTargetV1[],
  settings: DiversionSettings,
): DiversionBasisV1 | undefined {
  const qualified = qualifyingPair(pairLegOf(first), pairLegOf(onward), (b, c) => programsAgainst(targets, b, c), settings);
  if (!qualified) return undefined;
  const [a, b, c] = [first.from, first.to, onward.to];
  const { category, gap, programs } = qualified;
  const leg = (role: 'first' | 'onward', l: TransferLeg) => ({
    role,
    reportId: l.reportId,
    claimId: l.claimId,
    from: l.from,
    to: l.to,
    item: l.item,
    date: l.date,
    stage: l.stage,
  });
  const pct = (t: ProgramTargetV1) => `${Math.round((1000 * t.entries) / t.programEntries) / 10} %`;
  return {
    path: `${a} → ${b} → ${c}`,
    category,
    claims: [leg('first', first), leg('onward', onward)],
    windowDays: settings.windowDays,
    ...(gap !== undefined ? { gapDays: gap } : {}),
    programs,
    notes: [
      `${category} flows ${a} → ${b} (${first.date.edtf}, ${first.stage}) and ${b} → ${c} (${onward.date.edtf}, ${onward.stage})`,
      gap === undefined
        ? `an open date bound: the legs are taken as within the ${settings.windowDays}-day window`
        : `the onward leg begins ${gap} days after the first ends (window ${settings.windowDays} days)`,
      ...programs.map(
        (t) =>
          `${c} is the target of ${t.program} (${t.listId}): ${t.entries} of the program's ${t.programEntries} entry countries (${pct(t)}); ${b} is not`,
      ),
    ],
  };
}

/** The key of a pair (`decideDiversion`): its two claims, first leg then onward leg (the same whatever order they arrived in). */
export const diversionKey = (d: Pick<DiversionBasisV1, 'claims'>) => d.claims.map((c) => `${c.reportId}/${c.claimId}`).join(' → ');

/** Every qualifying pair `leg` takes part in with `others`, as the first leg or the onward one (one per ordered pair). */
export function diversionsWith(
  leg: TransferLeg,
  others: readonly TransferLeg[],
  targets: readonly ProgramTargetV1[],
  settings: DiversionSettings,
): DiversionBasisV1[] {
  const out: DiversionBasisV1[] = [];
  for (const other of others) {
    if (other.reportId === leg.reportId && other.claimId === leg.claimId) continue;
    const asFirst = decideDiversion(leg, other, targets, settings);
    if (asFirst) out.push(asFirst);
    const asOnward = decideDiversion(other, leg, targets, settings);
    if (asOnward) out.push(asOnward);
  }
  return out;
}

/** Every qualifying pair among `legs`, sorted by key: what deciding each leg against those before it finds, in any order. */
export function findDiversions(
  legs: readonly TransferLeg[],
  targets: readonly ProgramTargetV1[],
  settings: DiversionSettings,
): DiversionBasisV1[] {
  const out: DiversionBasisV1[] = [];
  for (const first of legs)
    for (const onward of legs) if (first !== onward) out.push(...[decideDiversion(first, onward, targets, settings)].filter((d) => !!d));
  return out.sort((x, y) => diversionKey(x).localeCompare(diversionKey(y)));
}

/**
 * Claims a route alert cites per role (first legs, onward legs), the first by date, report and claim: the claims that
 * started the pattern, and a bounded basis for a route of hundreds of claims; `firstLegs`, `onwardLegs` and `pairs`
 * count them all, and a note says so (the others are in the ledgers of the route's countries). 10 rather than 50:
 * every change of a busy route's basis is an event carrying it, and at 50 those events were 5.5 times the bytes of
 * the reports themselves in the ingest benchmark (BENCHMARKS.md, issue 17).
 */
export const DIVERSION_ROUTE_CLAIMS_CITED = 10;

/** The key of a route: `A → B → C <category>`, e.g. `CN → BY → RU hs6:852691` (its alert's entry and id come from it). */
export const diversionRouteKey = (d: Pick<DiversionBasisV1, 'path' | 'category'>) => `${d.path} ${d.category}`;

/**
 * Whether a change of `legs` (written, amended, removed) may change the route `d`: one of them flows A → B or B → C
 * of the route's category.
 */
export function routeTouchedBy(d: Pick<DiversionBasisV1, 'path' | 'category'>, legs: readonly TransferLeg[]): boolean {
  return routesTouchedBy(legs)(d);
}

/** `routeTouchedBy` for many routes against the same legs: their flows (from, to, category key) are indexed once. */
export function routesTouchedBy(legs: readonly TransferLeg[]): (d: Pick<DiversionBasisV1, 'path' | 'category'>) => boolean {
  const flows = new Set(legs.flatMap((l) => categoryKeys(l).map((k) => `${l.from} ${l.to} ${k}`)));
  return (d) => {
    const [a, b, c] = d.path.split(' → ');
    return flows.has(`${a} ${b} ${d.category}`) || flows.has(`${b} ${c} ${d.category}`);
  };
}

const legId = (l: Pick<TransferLeg, 'reportId' | 'claimId'>) => `${l.reportId}/${l.claimId}`;
const byDateReportClaim = (x: TransferLeg, y: TransferLeg) =>
  x.date.earliest.localeCompare(y.date.earliest) ||
  x.date.latest.localeCompare(y.date.latest) ||
  x.reportId.localeCompare(y.reportId) ||
  x.claimId.localeCompare(y.claimId);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface RouteTally {
  path: string;
  category: string;
  programs: ProgramTargetV1[];
  /** Legs taking part in at least one pair, per role (one object per leg: the legs are deduplicated by id first). */
  first: Set<TransferLeg>;
  onward: Set<TransferLeg>;
  pairs: number;
  /** Pairs with both bounds closed (a gap), and their least and most gap. */
  closed: number;
  minGap: number;
  maxGap: number;
}

/**
 * The diversion rule by route (pure): every qualifying pair among `legs` (`decideDiversion`) grouped by route, the
 * path A → B → C and the category the pair shares (its first shared key, an HS-6 subheading before a SIPRI
 * category), into one basis per route: every claim taking part in at least one of its pairs (first legs, then onward
 * legs, each by date, report, claim; at most `DIVERSION_ROUTE_CLAIMS_CITED` per role), the counts of pairs and of
 * legs per role, the least and most gap, the window, the programs targeting C and not B, and every figure in notes.
 * A leg given twice (same report and claim) counts once. The same legs in any order give the same bases. Cost: one
 * pair check (no text built) per group of alike legs A → B and group B → C (`legGroups`); one basis per route.
 * @returns one basis per route, sorted by `diversionRouteKey`.
 */
export function findDiversionRoutes(
  legs: readonly TransferLeg[],
  targets: readonly ProgramTargetV1[],
  settings: DiversionSettings,
): DiversionBasisV1[] {
  const groups = legGroups([...new Map(legs.map((l) => [legId(l), l])).values()].map(pairLegOf));
  // Onward legs by supplier country and category key: a first leg meets only those sharing one of its keys.
  const byFromKey = new Map<string, LegGroup[]>();
  for (const g of groups)
    for (const k of g.like.keys) {
      const out = byFromKey.get(`${g.like.leg.from} ${k}`);
      if (out) out.push(g);
      else byFromKey.set(`${g.like.leg.from} ${k}`, [g]);
    }
  const programs = new Map<string, ProgramTargetV1[]>();
  const programsOf = (b: string, c: string): ProgramTargetV1[] => {
    const key = `${b} ${c}`;
    let found = programs.get(key);
    if (!found) programs.set(key, (found = programsAgainst(targets, b, c)));
    return found;
  };
  const routes = new Map<string, RouteTally>();
  for (const first of groups)
    first.like.keys.forEach((key, i) => {
      for (const onward of byFromKey.get(`${first.like.leg.to} ${key}`) ?? []) {
        // The pair's category is the first of the first leg's keys the onward leg has: met under that key only.
        if (i > 0 && first.like.keys.slice(0, i).some((k) => onward.like.keys.includes(k))) continue;
        const pair = qualifyingPair(first.like, onward.like, programsOf, settings);
        if (!pair) continue;
        const path = `${first.like.leg.from} → ${first.like.leg.to} → ${onward.like.leg.to}`;
        const routeKey = diversionRouteKey({ path, category: pair.category });
        let route = routes.get(routeKey);
        if (!route)
          routes.set(
            routeKey,
            (route = {
              path,
              category: pair.category,
              programs: pair.programs,
              first: new Set(),
              onward: new Set(),
              pairs: 0,
              closed: 0,
              minGap: Infinity,
              maxGap: -Infinity,
            }),
          );
        for (const l of first.legs) route.first.add(l);
        for (const l of onward.legs) route.onward.add(l);
        const pairs = first.legs.length * onward.legs.length;
        route.pairs += pairs;
        if (pair.gap !== undefined) {
          route.closed += pairs;
          route.minGap = Math.min(route.minGap, pair.gap);
          route.maxGap = Math.max(route.maxGap, pair.gap);
        }
      }
    });
  return [...routes.values()].map((r) => routeBasis(r, settings)).sort((x, y) => diversionRouteKey(x).localeCompare(diversionRouteKey(y)));
}

/** Legs the pair rule cannot tell apart (`qualifyingPair` reads only these): one flow, category keys and date bounds. */
interface LegGroup {
  /** One of them, standing for all in the rule. */
  like: PairLeg;
  legs: TransferLeg[];
}

/**
 * `legs` grouped by what the pair rule reads of a leg (flow, category keys in order, date bounds): a pair of groups
 * qualifies, with one gap, exactly when any pair of their legs does, so pairs are checked per group pair. A busy
 * corridor's hundreds of claims dated by month or year are a few groups (the cost was one check per pair of legs).
 */
function legGroups(legs: readonly PairLeg[]): LegGroup[] {
  const groups = new Map<string, LegGroup>();
  for (const l of legs) {
    const key = `${l.leg.from} ${l.leg.to} ${l.keys.join(' ')} ${l.leg.date.earliest} ${l.leg.date.latest}`;
    const group = groups.get(key);
    if (group) group.legs.push(l.leg);
    else groups.set(key, { like: l, legs: [l.leg] });
  }
  return [...groups.values()];
}

function routeBasis(
  { path, category, programs, first, onward, pairs, closed, minGap: min, maxGap: max }: RouteTally,
  { windowDays }: DiversionSettings,
): DiversionBasisV1 {
  const [a, b, c] = path.split(' → ') as [string, string, string];
  const firsts = [...first.values()].sort(byDateReportClaim);
  const onwards = [...onward.values()].sort(byDateReportClaim);
  const cite = (role: DiversionClaimV1['role'], l: TransferLeg): DiversionClaimV1 => {
    const { reportId, claimId, from, to, item, date, stage } = l;
    return { role, reportId, claimId, from, to, item, date, stage };
  };
  const open = pairs - closed;
  const capped = firsts.length > DIVERSION_ROUTE_CLAIMS_CITED || onwards.length > DIVERSION_ROUTE_CLAIMS_CITED;
  const pct = (t: ProgramTargetV1) => `${Math.round((1000 * t.entries) / t.programEntries) / 10} %`;
  const legsIn = (ls: TransferLeg[]) =>
    ls.length === 1
      ? `1 claim (${ls[0]!.date.edtf}, ${ls[0]!.stage})`
      : `${ls.length} claims (${ls[0]!.date.edtf} to ${ls[ls.length - 1]!.date.edtf})`;
  return {
    path,
    via: b,
    category,
    claims: [
      ...firsts.slice(0, DIVERSION_ROUTE_CLAIMS_CITED).map((l) => cite('first', l)),
      ...onwards.slice(0, DIVERSION_ROUTE_CLAIMS_CITED).map((l) => cite('onward', l)),
    ],
    pairs,
    firstLegs: firsts.length,
    onwardLegs: onwards.length,
    windowDays,
    ...(closed ? { minGapDays: min, maxGapDays: max } : {}),
    programs,
    notes: [
      `${category} flows ${a} → ${b} in ${legsIn(firsts)} and ${b} → ${c} in ${legsIn(onwards)}; ${plural(pairs, 'pair')} within the ${windowDays}-day window`,
      ...(closed
        ? [
            min === max
              ? `the onward leg begins ${min} days after the first ends${pairs > 1 ? ` in ${closed === pairs ? 'every pair' : plural(closed, 'pair')}` : ''} (window ${windowDays} days)`
              : `the onward legs begin ${min} to ${max} days after the first legs end${open ? ` in ${plural(closed, 'pair')}` : ''} (window ${windowDays} days)`,
          ]
        : []),
      ...(open ? [`${plural(open, 'pair')} with an open date bound: taken as within the ${windowDays}-day window`] : []),
      ...(capped
        ? [
            `citing the first ${DIVERSION_ROUTE_CLAIMS_CITED} claims of each role by date, report and claim: ${Math.min(firsts.length, DIVERSION_ROUTE_CLAIMS_CITED)} of ${firsts.length} first legs, ${Math.min(onwards.length, DIVERSION_ROUTE_CLAIMS_CITED)} of ${onwards.length} onward legs`,
          ]
        : []),
      ...programs.map(
        (t) =>
          `${c} is the target of ${t.program} (${t.listId}): ${t.entries} of the program's ${t.programEntries} entry countries (${pct(t)}); ${b} is not`,
      ),
    ],
  };
}
