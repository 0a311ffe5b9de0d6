import type { Claim } from '../report/model';
import type { DiversionBasisV1, ProgramTargetV1 } from './events';

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

/** Days from the end of `first` to the start of `onward` (negative when they overlap), or undefined for an open end. */
function gapDays(first: TransferLeg, onward: TransferLeg): number | undefined {
  if (first.date.latest === 'infinity' || onward.date.earliest === '-infinity') return undefined;
  return dayOf(onward.date.earliest) - dayOf(first.date.latest);
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
  const [a, b, c] = [first.from, first.to, onward.to];
  if (onward.from !== b || a === b || b === c || a === c) return undefined;
  const onwardKeys = new Set(categoryKeys(onward));
  const shared = categoryKeys(first).filter((k) => onwardKeys.has(k));
  if (shared.length === 0) return undefined;
  if (onward.date.latest < first.date.earliest) return undefined;
  const gap = gapDays(first, onward);
  if (gap !== undefined && gap > settings.windowDays) return undefined;
  const transitTargetedBy = new Set(targets.filter((t) => t.country === b).map((t) => `${t.listId}\u0000${t.program}`));
  const programs = targets.filter((t) => t.country === c && !transitTargetedBy.has(`${t.listId}\u0000${t.program}`));
  if (programs.length === 0) return undefined;
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
  const category = shared[0]!;
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

/** The key of a diversion: its two claims, first leg then onward leg (the same whatever order they arrived in). */
export const diversionKey = (d: Pick<DiversionBasisV1, 'claims'>) => d.claims.map((c) => `${c.reportId}/${c.claimId}`).join(' → ');

/** Every diversion `leg` takes part in with `others`, as the first leg or the onward one (one per ordered pair). */
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

/** Every diversion among `legs` (a rebuild), sorted by key: what deciding each leg against those before it finds, in any order. */
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
