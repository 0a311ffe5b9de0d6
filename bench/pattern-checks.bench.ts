/**
 * Pattern checks (issue 17): the CPU the screening app spends per report on the checks beyond name matching —
 * ownership (`OwnershipIndex.screen` over the parties listed entries own, direct or are linked to) and third-country
 * diversion (`transferLegsOf`, then `diversionsWith` against the stored legs meeting each leg, as `DiversionService`
 * reads them: into the supplier's country or out of the recipient's, sharing a category), front companies
 * (`FrontCompanyIndex.screen`: identifiers and addresses looked up, and each party's name screened again at the
 * close-name threshold) and misdeclared goods (`screenMisdeclaredGoods`) — against the baseline in
 * the same run: the name matching of the same report (`screenReport`, the call the app made before). Lists: the
 * bundled ones as `npm start` imports them (SDN 2024 with alias, address and remarks files, non-SDN, UN, the
 * OpenSanctions cluster). Reports: `bench/support/workload.ts` (three transfer claims, SIPRI categories, dated), one
 * in ten naming LLC CST. Process CPU time (`process.cpuUsage`), windows alternating A-B-B-A. Not included: the
 * diversion's PostgreSQL transaction (its SQL runs in PostgreSQL) and the alert writes.
 */
import {
  DEFAULT_DIVERSION_WINDOW_DAYS,
  DEFAULT_PROGRAM_TARGET_SETTINGS,
  categoryKeys,
  diversionsWith,
  programTargets,
  transferLegsOf,
  type ProgramCountryCount,
  type TransferLeg,
} from '@tm/domain';
import {
  BUNDLED_LISTS,
  FrontCompanyIndex,
  OwnershipIndex,
  ScreeningIndex,
  frontCompanyEntry,
  screenMisdeclaredGoods,
  dataPath,
  foldScreenableReport,
  loadListFromFiles,
  screenReport,
  type ListSnapshot,
  type ScreenableReport,
} from '@tm/screening';
import type { Benchmark, BenchOptions } from './support/benchmark';
import { latency, type BenchResult } from './support/results';
import { round } from './support/stats';
import { reportEvents } from './support/workload';

const KIND_OF_LIST: Record<string, Parameters<typeof loadListFromFiles>[0]> = {
  'ofac-sdn': 'ofac-sdn',
  'ofac-non-sdn': 'ofac-non-sdn',
  un: 'un-xml',
  opensanctions: 'opensanctions-ftm',
};

/** CPU milliseconds (user + system) that `work` takes. */
function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export const patternChecks: Benchmark = {
  name: 'pattern-checks',
  title: 'Ownership, diversion, front-company and misdeclared-goods checks per report vs the name matching of the same report (CPU)',
  async run(options: BenchOptions): Promise<BenchResult> {
    const lists: ListSnapshot[] = BUNDLED_LISTS.map((l) =>
      loadListFromFiles(
        KIND_OF_LIST[l.listId]!,
        l.sources.map((s) => dataPath('sanctions', s)),
        l.version ? { version: l.version } : {},
      ),
    );
    const index = new ScreeningIndex(lists);
    const entries = new Map(
      lists.flatMap((l) => l.entries.map((e) => [`${l.listId}\u0000${e.entryId}`, { entry: e, listVersion: l.version }])),
    );
    const entryOf = (listId: string, entryId: string) => entries.get(`${listId}\u0000${entryId}`);
    const ownership = new OwnershipIndex(
      lists.flatMap((l) =>
        l.entries.filter((e) => e.relations?.length).map((e) => ({ ...e, listVersion: l.version, relations: e.relations! })),
      ),
    );
    // Each entry as loadFrontCompanyIndex reads it from sanctions_entries.
    const fronts = new FrontCompanyIndex(lists.flatMap((l) => l.entries.flatMap((e) => frontCompanyEntry(e, l.version) ?? [])));
    const counts = new Map<string, ProgramCountryCount>();
    for (const l of lists)
      for (const e of l.entries)
        for (const program of e.programs)
          for (const country of e.countries) {
            const key = `${l.listId}\u0000${program}\u0000${country}`;
            const c = counts.get(key) ?? counts.set(key, { listId: l.listId, program, country, entries: 0 }).get(key)!;
            c.entries++;
          }
    const targets = programTargets([...counts.values()], DEFAULT_PROGRAM_TARGET_SETTINGS);
    const settings = { windowDays: DEFAULT_DIVERSION_WINDOW_DAYS };

    const n = options.quick ? 300 : 3_000;
    const reports: ScreenableReport[] = Array.from({ length: n }, (_, i) => {
      const { reportId, events } = reportEvents(i);
      const report = foldScreenableReport(reportId, events);
      if (i % 10 === 0)
        report.claims[0] = { ...report.claims[0]!, recipient: { country: 'RU', entity: { name: 'LLC CST', type: 'company' } } } as never;
      return report;
    });
    // The legs stored before each report, as diversion_legs holds them, by country.
    const into = new Map<string, TransferLeg[]>();
    const outOf = new Map<string, TransferLeg[]>();
    const push = (m: Map<string, TransferLeg[]>, k: string, l: TransferLeg) => (m.get(k) ?? m.set(k, []).get(k)!).push(l);
    const partnersOf = (legs: TransferLeg[]) => {
      const seen = new Set<TransferLeg>();
      for (const leg of legs) {
        const keys = new Set(categoryKeys(leg));
        for (const p of [...(into.get(leg.from) ?? []), ...(outOf.get(leg.to) ?? [])])
          if (p.reportId !== leg.reportId && categoryKeys(p).some((k) => keys.has(k))) seen.add(p);
      }
      return [...seen];
    };

    let ownershipAlerts = 0;
    let diversions = 0;
    const names = (r: ScreenableReport) => screenReport(index, r, { threshold: 0.85, entryOf }).length;
    let ownershipMs = 0;
    let frontCompanyAlerts = 0;
    let frontCompanyMs = 0;
    let misdeclaredAlerts = 0;
    const patterns = (r: ScreenableReport) => {
      ownershipMs += cpuMs(() => (ownershipAlerts += ownership.screen(r, 0.85).length));
      frontCompanyMs += cpuMs(() => (frontCompanyAlerts += fronts.screen(r, index, { threshold: 0.85, entryOf }).length));
      misdeclaredAlerts += screenMisdeclaredGoods(r).length;
      const legs = transferLegsOf(r.reportId, r.claims);
      const partners = partnersOf(legs);
      for (const [i, leg] of legs.entries())
        diversions += diversionsWith(leg, [...partners, ...legs.slice(0, i)], targets, settings).length;
      for (const leg of legs) {
        push(into, leg.to, leg);
        push(outOf, leg.from, leg);
      }
    };
    for (const r of reports.slice(0, 100)) names(r); // warm-up (JIT, lazy lookups)

    // Windows A-B-B-A over quarters of the reports: names, patterns, patterns, names.
    const quarter = Math.floor(n / 4);
    const slices = [0, 1, 2, 3].map((q) => reports.slice(q * quarter, (q + 1) * quarter));
    let namesMs = 0;
    let patternsMs = 0;
    for (const [q, which] of (['names', 'patterns', 'patterns', 'names'] as const).entries()) {
      // Each window runs both on its quarter; only the one named is timed, so both see the same reports.
      for (const r of slices[q]!) {
        if (which === 'names') {
          namesMs += cpuMs(() => names(r));
          patterns(r);
        } else {
          names(r);
          patternsMs += cpuMs(() => patterns(r));
        }
      }
    }
    const perNames = namesMs / (2 * quarter);
    const perPatterns = patternsMs / (2 * quarter);
    const share = perPatterns / perNames;
    return {
      name: 'pattern-checks',
      figures: [
        latency('name matching per report (screenReport), CPU', round(perNames, 3), 'ms'),
        {
          ...latency('ownership, diversion, front-company and misdeclared-goods checks per report, CPU', round(perPatterns, 3), 'ms', {
            name: 'screenReport',
            value: round(perNames, 3),
          }),
          target: { text: '≤ 10 % of the CPU per report', met: share <= 0.1 },
          note: `${round(100 * share, 1)} % of the name matching's CPU; ${ownershipAlerts} ownership alerts, ${diversions} diversions, ${frontCompanyAlerts} front-company and ${misdeclaredAlerts} misdeclared-goods alerts over ${n} reports`,
        },
      ],
      details: {
        ownershipMsPerReport: round(ownershipMs / n, 3),
        frontCompanyMsPerReport: round(frontCompanyMs / n, 3),
        frontCompanyEntries: fronts.size.entries,
        reports: n,
        relatedParties: ownership.size,
        targets: targets.length,
        ownershipAlerts,
        diversions,
        frontCompanyAlerts,
        misdeclaredAlerts,
      },
      limits: [
        'the diversion check’s PostgreSQL transaction (replace the legs, read the partners) and the alert writes are not in this figure',
      ],
    };
  },
};
