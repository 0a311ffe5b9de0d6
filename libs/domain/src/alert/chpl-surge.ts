import type { TransferLeg } from './diversion';
import type { ChplSurgeBasisV1, ChplSurgeClaimV1, ProgramTargetV1 } from './events';

/**
 * The CHPL surge rule's settings (environment: `CHPL_SURGE_WINDOW_DAYS`, `CHPL_SURGE_BASELINE_WINDOWS`,
 * `CHPL_SURGE_FACTOR`, `CHPL_SURGE_MIN_CLAIMS`).
 */
export interface ChplSurgeSettings {
  /** Days in the surge window and in each baseline window (an integer ≥ 1). */
  windowDays: number;
  /** Windows right before the surge window whose mean count is the country's baseline (an integer ≥ 1). */
  baselineWindows: number;
  /** Least ratio of the window's count to the baseline mean (> 0). */
  factor: number;
  /** Fewest claims in the window, whatever the baseline (an integer ≥ 1). */
  minClaims: number;
}

/**
 * A quarter of a year against the year before it; three times the mean and at least three claims, so that one or two
 * claims into a country never reported on before are not a surge.
 */
export const DEFAULT_CHPL_SURGE_SETTINGS: ChplSurgeSettings = { windowDays: 90, baselineWindows: 4, factor: 3, minClaims: 3 };

/** The CHPL tiers whose claims the rule counts: tier 1 (integrated circuits) and tier 2 (navigation, radio, capacitors). */
export const CHPL_SURGE_TIERS: readonly string[] = ['1', '2'];

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The day (days since 1970-01-01) a leg counts on: the end of its date (`date.latest`, the day by which it happened),
 * or undefined when the leg is not counted: not of tier 1 or 2, within one country, or dated too vaguely to place in
 * one window (an open bound, or a date spanning more than `windowDays` days, e.g. a year against 90-day windows).
 */
export function surgeDayOf(
  leg: Pick<TransferLeg, 'from' | 'to' | 'item' | 'date'>,
  settings: Pick<ChplSurgeSettings, 'windowDays'>,
): number | undefined {
  if (!leg.item.chplTier || !CHPL_SURGE_TIERS.includes(leg.item.chplTier) || leg.from === leg.to) return undefined;
  if (leg.date.earliest === '-infinity' || leg.date.latest === 'infinity') return undefined;
  const [earliest, latest] = [dayOf(leg.date.earliest), dayOf(leg.date.latest)];
  if (!Number.isFinite(earliest) || !Number.isFinite(latest) || latest - earliest + 1 > settings.windowDays) return undefined;
  return latest;
}

/** The settings, checked once when read. @throws RangeError naming the setting (and its variable) out of range. */
export function checkChplSurgeSettings(s: ChplSurgeSettings): ChplSurgeSettings {
  const int = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be an integer ≥ 1 (got ${v})`);
  };
  int('CHPL_SURGE_WINDOW_DAYS (windowDays)', s.windowDays);
  int('CHPL_SURGE_BASELINE_WINDOWS (baselineWindows)', s.baselineWindows);
  int('CHPL_SURGE_MIN_CLAIMS (minClaims)', s.minClaims);
  if (!(s.factor > 0)) throw new RangeError(`CHPL_SURGE_FACTOR (factor) must be > 0 (got ${s.factor})`);
  return s;
}

/** The key of a surge: its country and window, e.g. `KZ 2022-12-27..2023-03-26` (also what its alert id comes from). */
export const chplSurgeKey = (s: Pick<ChplSurgeBasisV1, 'country' | 'window'>) => `${s.country} ${s.window.from}..${s.window.to}`;

const byClaim = (a: ChplSurgeClaimV1, b: ChplSurgeClaimV1) =>
  a.date.latest.localeCompare(b.date.latest) ||
  a.date.earliest.localeCompare(b.date.earliest) ||
  a.reportId.localeCompare(b.reportId) ||
  a.claimId.localeCompare(b.claimId);

/** A figure with one decimal, or two when one would round it (a mean of 0.25 stays 0.25). */
const one = (n: number) => (Math.round(n * 10) === n * 10 ? n.toFixed(1) : String(Math.round(n * 100) / 100));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Surges of CHPL tier 1–2 items into a country against its own baseline (pure; the `surge` basis of a
 * `possible-diversion` alert).
 *
 * Source: the FinCEN/BIS joint alerts on Russian export-control evasion. FIN-2022-Alert003 (2022-06-28) names common
 * transshipment points to Russia and Belarus (Armenia, Georgia, Kazakhstan, Kyrgyzstan, Turkey, the UAE, Uzbekistan
 * among them) and warns that the controls may change historical transshipment patterns; the supplemental alert of
 * 2023-05-19 lists high-priority HS codes for due diligence, the basis of the Common High Priority List of the US,
 * EU, UK and Japan. Tiers 1 and 2 are the items the CHPL ranks highest.
 *
 * Rule: time is cut into windows of `windowDays` days counted from 1970-01-01 (fixed windows, so a later report never
 * moves an earlier window). A transfer claim of tier 1 or 2 into country C counts in the window holding the end of its
 * date (`surgeDayOf`: claims within one country and dates too vague for a window do not count). A window of C is a
 * surge when its count n ≥ `minClaims` and n ≥ `factor` × m, m the mean count of the `baselineWindows` windows right
 * before it (windows without claims count 0). A country targeted by a program in force (`targets`) is left out: tier
 * 1–2 items flowing into the target itself are direct supply, not diversion through a third country; a surge into a
 * third country is the signal. Each claim counts once (two claims of one report are two claims).
 *
 * The same legs in any order give the same surges, each citing every claim of its window (sorted by date, report,
 * claim). @returns every surge, sorted by country then window.
 */
export function findChplSurges(
  legs: readonly TransferLeg[],
  targets: readonly Pick<ProgramTargetV1, 'country'>[],
  settings: ChplSurgeSettings = DEFAULT_CHPL_SURGE_SETTINGS,
): ChplSurgeBasisV1[] {
  const { windowDays, baselineWindows, factor, minClaims } = settings;
  const targeted = new Set(targets.map((t) => t.country));
  // country → window index → claims
  const byCountry = new Map<string, Map<number, ChplSurgeClaimV1[]>>();
  for (const leg of legs) {
    const day = surgeDayOf(leg, settings);
    if (day === undefined || targeted.has(leg.to)) continue;
    const windows = byCountry.get(leg.to) ?? new Map<number, ChplSurgeClaimV1[]>();
    byCountry.set(leg.to, windows);
    const index = Math.floor(day / windowDays);
    const { reportId, claimId, from, to, item, date, stage } = leg;
    const claim = { reportId, claimId, from, to, item, date, stage };
    const inWindow = windows.get(index);
    if (inWindow) inWindow.push(claim);
    else windows.set(index, [claim]);
  }
  const out: ChplSurgeBasisV1[] = [];
  for (const [country, windows] of byCountry) {
    for (const [index, claims] of windows) {
      const n = claims.length;
      if (n < minClaims) continue;
      const baseline = Array.from({ length: baselineWindows }, (_, k) => {
        const w = index - baselineWindows + k;
        return { from: isoOf(w * windowDays), to: isoOf((w + 1) * windowDays - 1), claims: windows.get(w)?.length ?? 0 };
      });
      const total = baseline.reduce((sum, b) => sum + b.claims, 0);
      // n ≥ factor × total / baselineWindows, without the rounding of a division.
      if (n * baselineWindows < factor * total) continue;
      const mean = total / baselineWindows;
      const threshold = Math.max(minClaims, factor * mean);
      const window = { from: isoOf(index * windowDays), to: isoOf((index + 1) * windowDays - 1) };
      out.push(surgeBasis(country, window, [...claims].sort(byClaim), baseline, mean, threshold, settings));
    }
  }
  return out.sort((a, b) => chplSurgeKey(a).localeCompare(chplSurgeKey(b)));
}

function surgeBasis(
  country: string,
  window: { from: string; to: string },
  claims: ChplSurgeClaimV1[],
  baseline: ChplSurgeBasisV1['baseline'],
  mean: number,
  threshold: number,
  { windowDays, baselineWindows, factor, minClaims }: ChplSurgeSettings,
): ChplSurgeBasisV1 {
  const n = claims.length;
  const counts = baseline.map((b) => b.claims).join(', ');
  const span = `${baseline[0]!.from}..${baseline[baseline.length - 1]!.to}`;
  const tally = (key: (c: ChplSurgeClaimV1) => string) => {
    const m = new Map<string, number>();
    for (const c of claims) m.set(key(c), (m.get(key(c)) ?? 0) + 1);
    return [...m].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([k, v]) => `${k} (${v})`);
  };
  const reports = new Set(claims.map((c) => c.reportId)).size;
  return {
    country,
    tiers: [...CHPL_SURGE_TIERS],
    window,
    windowDays,
    claims,
    count: n,
    baseline,
    baselineMean: mean,
    ...(mean > 0 ? { ratio: n / mean } : {}),
    factor,
    minClaims,
    threshold,
    notes: [
      mean > 0
        ? `${plural(n, 'CHPL tier 1–2 claim')} into ${country} in ${window.from}..${window.to} vs a mean of ${one(mean)} per ${windowDays} days over the ${baselineWindows} windows before (${counts}): ${one(n / mean)}×, threshold ${factor}×, at least ${minClaims}`
        : `${plural(n, 'CHPL tier 1–2 claim')} into ${country} in ${window.from}..${window.to} vs none in the ${baselineWindows} windows of ${windowDays} days before (${counts}): threshold at least ${minClaims} (${factor}× a baseline of 0)`,
      `threshold max(${minClaims}, ${factor} × ${one(mean)}) = ${one(threshold)} claims; baseline ${span}`,
      `by tier: ${tally((c) => `tier ${c.item.chplTier}`).join(', ')}; by HS-6: ${tally((c) => c.item.hs6 ?? 'none').join(', ')}`,
      `from ${tally((c) => c.from).join(', ')}; in ${plural(reports, 'report')}`,
    ],
  };
}
