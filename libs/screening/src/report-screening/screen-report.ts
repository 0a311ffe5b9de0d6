import type { AlertMatchExplanationV1, AlertRaisedV1 } from '@tm/domain';
import type { ScreeningIndex } from '../matching/screening-index';
import type { ScreeningMatch } from '../matching/types';
import type { SanctionsEntry } from '../model';
import type { ScreenableReport, ScreeningTarget } from './report-targets';
import { screeningTargets } from './report-targets';
import { countryQualifying } from './country-qualifier';

/** An alert screening would raise, before its id and trigger are set. */
export type AlertCandidate = Omit<AlertRaisedV1, 'alertId' | 'trigger'>;

export interface ScreenReportOptions {
  threshold: number;
  /** The entry's countries and list version (which the index match does not carry); undefined when not indexed. */
  entryOf: (listId: string, entryId: string) => { entry: Pick<SanctionsEntry, 'countries'>; listVersion: string } | undefined;
  /** When set, only matches of these entries (`listId\u0000entryId`) count: retroactive screening after a list update. */
  onlyEntries?: ReadonlySet<string>;
}

export const entryKey = (listId: string, entryId: string) => `${listId}\u0000${entryId}`;

/**
 * Screens every target of a report (see `screeningTargets`): names with `screenName` (the name, with a person's name
 * parts, and its aliases, best per entity and list entry), texts with `scanText` (multi-pattern search). A text match of an entry that a
 * structured party of the same report already matched is left out: the party alert says more. A text match the
 * text qualifies by a country ("China's …", "the Russian …", "… of Russia") counts only for an entry listed for it.
 * @returns one candidate per (party, list entry) and per (claim or report text, list entry), score ≥ threshold.
 */
export function screenReport(index: ScreeningIndex, report: ScreenableReport, options: ScreenReportOptions): AlertCandidate[] {
  const steps = screenReportSteps(index, report, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link screenReport}, giving the event loop a turn whenever a slice of `sliceMs` (default 20 ms) has passed since the
 * last, between targets: a report with hundreds of long texts took 15–35 s to screen on a loaded machine, and the
 * consumer's heartbeats (a timer) could not run meanwhile, so the group took its partition away and the list update
 * being screened started over, again and again. One target (one text) still runs in one piece.
 */
export async function screenReportYielding(
  index: ScreeningIndex,
  report: ScreenableReport,
  options: ScreenReportOptions,
  sliceMs = 20,
): Promise<AlertCandidate[]> {
  const steps = screenReportSteps(index, report, options);
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
}

/** The work of {@link screenReport}, one target a step; returns the candidates. */
function* screenReportSteps(
  index: ScreeningIndex,
  report: ScreenableReport,
  options: ScreenReportOptions,
): Generator<void, AlertCandidate[]> {
  const out: AlertCandidate[] = [];
  const byParty = new Set<string>();
  const targets = screeningTargets(report);
  const keep = (m: ScreeningMatch) => !options.onlyEntries || options.onlyEntries.has(entryKey(m.entry.listId, m.entry.entryId));
  for (const t of targets) {
    if (t.kind !== 'name') continue;
    const best = new Map<string, { match: ScreeningMatch; query: string }>();
    for (const [i, name] of t.names.entries()) {
      const parts = i === 0 && t.parts ? { parts: t.parts } : {};
      for (const m of index.screenName(
        { name, ...parts, schema: t.schema, countries: t.countries },
        { threshold: options.threshold, limit: 5 },
      )) {
        if (!keep(m)) continue;
        if (t.stateOrgan && ofOtherCountry(m, t.countries, options)) continue;
        const key = entryKey(m.entry.listId, m.entry.entryId);
        const prev = best.get(key);
        if (!prev || m.score > prev.match.score) best.set(key, { match: m, query: name });
      }
    }
    for (const [key, { match, query }] of best) {
      const candidate = toCandidate(report.reportId, t, query, t.location, match, options);
      if (candidate) {
        byParty.add(key);
        out.push(candidate);
      }
    }
    yield;
  }
  // One text alert per entry per claim (or per report text): a statement naming Putin ten times is one alert, not
  // ten (a 500-claim report raised 8,615 and kept the screening consumer busy past its session timeout).
  const byText = new Set<string>();
  for (const t of targets) {
    if (t.kind !== 'text') continue;
    for (const m of index.scanText(t.text, { threshold: options.threshold })) {
      if (!keep(m) || byParty.has(entryKey(m.entry.listId, m.entry.entryId))) continue;
      const textKey = `${t.claimId ?? ''}\u0000${entryKey(m.entry.listId, m.entry.entryId)}`;
      if (byText.has(textKey)) continue;
      // "China's People's Liberation Army" names China's, "the Russian Defense Ministry" Russia's: an entry not listed
      // for that country (the Shining Path, a.k.a. PEOPLE'S LIBERATION ARMY; the DPRK's ministry) is not it.
      const qualifier = countryQualifying(t.text, m.span.start, m.span.end);
      if (qualifier && !listedFor(m, qualifier, options)) continue;
      const candidate = toCandidate(report.reportId, t, m.span.text, `${t.location}[${m.span.start}..${m.span.end}]`, m, options);
      if (candidate) {
        byText.add(textKey);
        out.push(candidate);
      }
    }
    yield;
  }
  return out;
}

/** True when the matched entry is listed for `country`. */
function listedFor(m: ScreeningMatch, country: string, options: ScreenReportOptions): boolean {
  return (options.entryOf(m.entry.listId, m.entry.entryId)?.entry.countries ?? []).some((c) => c.toUpperCase() === country);
}

/** True when the matched entry is listed for countries none of which is the party's. */
function ofOtherCountry(m: ScreeningMatch, countries: string[], options: ScreenReportOptions): boolean {
  const listed = options.entryOf(m.entry.listId, m.entry.entryId)?.entry.countries ?? [];
  return listed.length > 0 && !listed.some((c) => countries.includes(c.toUpperCase()));
}

function toCandidate(
  reportId: string,
  target: ScreeningTarget,
  queryName: string,
  location: string,
  m: ScreeningMatch,
  options: ScreenReportOptions,
): AlertCandidate | undefined {
  const known = options.entryOf(m.entry.listId, m.entry.entryId);
  if (!known) return undefined; // the entry left the index after this match was computed
  return {
    reportId,
    ...(target.claimId ? { claimId: target.claimId } : {}),
    location,
    queryName,
    listId: m.entry.listId,
    entryId: m.entry.entryId,
    listVersion: known.listVersion,
    entryName: m.entry.primaryName,
    matchedName: m.matchedName,
    matchedNameKind: m.matchedNameKind,
    programs: m.entry.programs,
    countries: [...new Set([...target.claimCountries, ...known.entry.countries])].sort(),
    score: m.score,
    explanation: explain(m),
  };
}

/** The core's explanation in the alert contract's shape (penalty details and flags as notes). */
export function explain(m: ScreeningMatch): AlertMatchExplanationV1 {
  const { tokens, penalties, legalForms } = m.explanation;
  return {
    tokens: tokens.map((t) => ({ query: t.query, candidate: t.candidate, similarity: t.similarity, weight: t.weight })),
    penalties: penalties.map((p) => ({ rule: p.rule, factor: p.factor ?? p.cap ?? 1 })),
    notes: [
      `matched ${m.matchedNameKind} name "${m.matchedName}" of ${m.entry.listId} ${m.entry.entryId}`,
      ...penalties.map((p) => `${p.rule}: ${p.detail}`),
      ...m.flags.map((f) => `flag: ${f}`),
      ...(legalForms.query.length || legalForms.candidate.length
        ? [`legal forms: ${legalForms.query.join(',') || '-'} vs ${legalForms.candidate.join(',') || '-'}`]
        : []),
    ],
  };
}
