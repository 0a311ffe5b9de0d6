import { Inject, Injectable } from '@nestjs/common';
import type { ClientBase, Pool } from 'pg';
import { advisoryXactLocks, PG_POOL } from '@tm/database';
import {
  CHPL_SURGE_TIERS,
  checkChplSurgeSettings,
  chplSurgeKey,
  findChplSurges,
  type ChplSurgeBasisV1,
  type ChplSurgeSettings,
  type ProgramTargetV1,
  type TransferLeg,
} from '@tm/domain';
import { inTransaction } from '@tm/event-store';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import type { AlertCandidate } from '@tm/screening';
import { AlertWriter } from './alert-writer.service';
import { reconcileAlerts, type AlertOrigin, type ReconcileRule } from './reconcile-alerts';

/** The lock that orders surge decisions: the legs are read, and the alerts raised and superseded, under it. */
export const SURGE_LOCK = 'screening:chpl-surge';

/** `listId` of a surge alert: the rule reads the claims and the bundled CHPL (no sanctions list's entry). */
export const CHPL_SURGE_LIST_ID = 'reference';
const CHPL_VERSION = 'CHPL 2024-02-23';

/**
 * CHPL tier 1–2 surges (`possible-diversion` alerts with a `surge` basis, rule `findChplSurges` of `@tm/domain`,
 * settings `CHPL_SURGE_*`) decided from the transfer legs `DiversionService` keeps in `diversion_legs`. A country's
 * surges are decided again whenever one of its tier 1–2 legs is written, amended away or retracted, and all of them
 * after a list version (the targeted countries left out may change) or a rebuild. The alert id comes from the country
 * and the window only, so whichever report completes a surge, in whatever order, raises the same alert, once; an
 * alert in force whose surge now rests on other claims or baseline counts is updated with them (`AlertBasisUpdated`), so
 * once the same claims are in, the alert's basis is the same whatever order they came in. Supersessions say what
 * changed: `report-amended` when reports did (`DiversionService.settle`), the list version's reason otherwise.
 */
@Injectable()
export class ChplSurgeService {
  readonly settings: ChplSurgeSettings;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ENVIRONMENT) env: Environment,
    private readonly alerts: AlertWriter,
  ) {
    this.settings = checkChplSurgeSettings({
      windowDays: env.CHPL_SURGE_WINDOW_DAYS,
      baselineWindows: env.CHPL_SURGE_BASELINE_WINDOWS,
      factor: env.CHPL_SURGE_FACTOR,
      minClaims: env.CHPL_SURGE_MIN_CLAIMS,
    });
  }

  /** The countries of legs of tier 1–2 items among `legs`: those whose surges a change of these legs may change. */
  static countriesOf(legs: ReadonlyArray<Pick<TransferLeg, 'to' | 'item'>>): string[] {
    return [...new Set(legs.filter((l) => l.item.chplTier && CHPL_SURGE_TIERS.includes(l.item.chplTier)).map((l) => l.to))].sort();
  }

  /**
   * Decides the surges into `countries` (every country when `'all'`) from the legs stored now: each surge raises or
   * reopens its alert (one in force whose surge changed is updated), and an alert in force of those countries whose surge
   * no longer holds is superseded (a supersession a later surge in the same window lifts), both with `reason`, see
   * `reconcileAlerts`; the events about a
   * country's surges answer to `originOf(country)`. With `client`, in the caller's transaction, which holds
   * `SURGE_LOCK` (and sees the legs it wrote); else in a transaction of its own under that lock.
   * @returns the surges in force among those decided.
   */
  async decide(
    countries: readonly string[] | 'all',
    targets: readonly ProgramTargetV1[],
    originOf: (country: string) => AlertOrigin,
    reason: ReconcileRule<ChplSurgeBasisV1>['reason'],
    client?: ClientBase,
  ): Promise<number> {
    // A targeted country has no surge (the rule leaves it out) and none in force: its alerts were superseded by the
    // list version that made it a target (`'all'`), so most flows into RU cost nothing here.
    const targeted = new Set(targets.map((t) => t.country));
    const only = countries === 'all' ? 'all' : countries.filter((c) => !targeted.has(c));
    if (only !== 'all' && only.length === 0) return 0;
    // A country's legs and alerts through the indexes on `to_country` and `basis->'surge'->>'country'`.
    const [legsOf, alertsOf, params] =
      only === 'all'
        ? ['true', `basis->'surge' IS NOT NULL`, []]
        : ['to_country = ANY($2::text[])', `basis->'surge'->>'country' = ANY($1::text[])`, [only]];
    const decide = async (db: ClientBase) => {
      const { rows } = await db.query<{ leg: TransferLeg }>(
        `SELECT leg FROM diversion_legs WHERE leg->'item'->>'chplTier' = ANY($1::text[]) AND ${legsOf}`,
        [CHPL_SURGE_TIERS, ...params],
      );
      const found = findChplSurges(
        rows.map((r) => r.leg),
        targets,
        this.settings,
      );
      const { rows: open } = await db.query<{ alert_id: string; basis: { surge: ChplSurgeBasisV1 } }>(
        `SELECT alert_id, basis FROM alerts WHERE kind = 'possible-diversion' AND status <> 'superseded' AND ${alertsOf}`,
        params,
      );
      await reconcileAlerts(
        this.alerts,
        found,
        open.map((r) => ({ alertId: r.alert_id, basis: r.basis.surge })),
        { keyOf: chplSurgeKey, candidateOf, originOf: (s) => originOf(s.country), reason },
      );
      return found.length;
    };
    if (client) return decide(client);
    return inTransaction(this.pool, async (own) => {
      // Held while the alerts are written (through the pool), so two screenings never act on stale counts.
      await advisoryXactLocks(own, [SURGE_LOCK]);
      return decide(own);
    });
  }
}

/**
 * The alert a surge raises: on the window's newest claim (by date, then report and claim), its entry
 * `chpl-surge:<country>:<from>..<to>` (what its id comes from), every figure in its notes.
 */
export function candidateOf(s: ChplSurgeBasisV1): AlertCandidate {
  const newest = s.claims[s.claims.length - 1]!;
  const window = `${s.window.from}..${s.window.to}`;
  return {
    reportId: newest.reportId,
    claimId: newest.claimId,
    kind: 'possible-diversion',
    surge: s,
    location: `claims[${newest.claimId}]`,
    queryName: `${s.count} CHPL tier 1–2 claims into ${s.country} in ${window}`,
    listId: CHPL_SURGE_LIST_ID,
    entryId: `chpl-surge:${s.country}:${window}`,
    listVersion: CHPL_VERSION,
    entryName: `surge into ${s.country}`,
    matchedName: `CHPL tier ${s.tiers.join('–')}`,
    matchedNameKind: 'surge',
    programs: [],
    countries: [...new Set([s.country, ...s.claims.map((c) => c.from)])].sort(),
    score: 1,
    explanation: { tokens: [], penalties: [], notes: s.notes },
  };
}
