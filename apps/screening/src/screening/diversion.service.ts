import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ClientBase, Pool } from 'pg';
import { advisoryXactLocks, PG_POOL } from '@tm/database';
import {
  categoryKeys,
  diversionRouteKey,
  findDiversionRoutes,
  routesTouchedBy,
  transferLegsOf,
  type DiversionBasisV1,
  type ProgramTargetV1,
  type TransferLeg,
} from '@tm/domain';
import { inTransaction, type EventMetadata } from '@tm/event-store';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { loadProgramTargets } from '@tm/sanctions';
import type { AlertCandidate } from '@tm/screening';
import { AlertWriter } from './alert-writer.service';
import { ChplSurgeService, SURGE_LOCK } from './chpl-surge.service';
import { reconcileAlerts, type AlertOrigin, type ReconcileRule } from './reconcile-alerts';
import { forEachStoredReport } from './stored-reports';

/**
 * A report's transfer legs as its screening leaves them (`transferLegsOf`; none when retracted), with what the route
 * and surge decisions they cause answer to.
 */
export interface LegChange extends AlertOrigin {
  reportId: string;
  legs: TransferLeg[];
}

/** The lock that orders writers of `diversion_legs`. */
const LEGS_LOCK = 'screening:diversion-legs';

/** The lock that orders route decisions: the legs are read, and the alerts raised and superseded, under it. */
const ROUTE_LOCK = 'screening:diversion-routes';

/** Diversion alerts of the pair shape (raised before routes) still in force; through `alerts_diversion_first_report`. */
const PAIR_SHAPED = `kind = 'possible-diversion' AND status <> 'superseded' AND basis->'diversion'->'claims'->0->>'reportId' IS NOT NULL AND basis->'diversion'->'via' IS NULL`;

/**
 * Possible third-country diversion (`possible-diversion` alerts, rule `decideDiversion` of `@tm/domain` for one pair,
 * grouped by route by `findDiversionRoutes`): the same item category flowing A → B and B → C within
 * `DIVERSION_WINDOW_DAYS`, C the target of a program in force that does not target B (targets derived from the lists
 * in force: `loadProgramTargets`). One alert per route (path A → B → C and category), citing every claim taking part in
 * one of its pairs; its id comes from the route only, so whatever order the claims arrive in, the route raises the same
 * alert, once.
 *
 * Each report's transfer legs are kept in `diversion_legs` (derived: refilled from the event store when empty). When
 * a report's legs are written, amended or removed, every route through them (before and after) is decided again from
 * the stored legs under one advisory lock, as `ChplSurgeService` decides a country's surges: an alert whose route now
 * rests on other claims or figures is updated with them (`AlertBasisUpdated`, `report-amended`), one whose route no longer
 * holds is superseded (`report-amended`), so once the same claims are in, the alert's basis is the same whatever
 * order they came in. A list version decides them again as its own doing (`entry-amended`, `entry-delisted`).
 *
 * The same legs feed the CHPL tier 1–2 surge rule (`ChplSurgeService`): whenever a report's tier 1–2 legs into a
 * country are written, replaced or removed, that country's surges are decided again.
 */
@Injectable()
export class DiversionService implements OnModuleInit {
  private readonly logger = new Logger(DiversionService.name);
  private targets: ProgramTargetV1[] = [];
  private versions = new Map<string, string>();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly alerts: AlertWriter,
    private readonly surges: ChplSurgeService,
  ) {}

  private get settings() {
    return { windowDays: this.env.DIVERSION_WINDOW_DAYS };
  }

  /**
   * At start: the targets, and the legs rebuilt from the event store when the table is empty (see `rebuild`); else,
   * when diversion alerts of the pair shape (raised before routes) are still in force, every route is decided once
   * (`decideAll`), which supersedes them (`entry-amended`). With `possible-diversion` left out of
   * `SCREENING_ALERT_KINDS` the legs are dropped instead (they would go stale), so the first start with it back
   * rebuilds them.
   */
  async onModuleInit(): Promise<void> {
    if (!this.env.SCREENING_ALERT_KINDS.includes('possible-diversion')) {
      await this.pool.query('DELETE FROM diversion_legs');
      return;
    }
    await this.reloadTargets();
    const { rowCount } = await this.pool.query('SELECT 1 FROM diversion_legs LIMIT 1');
    if (!rowCount) {
      await this.rebuild({ correlationId: 'screening:start' });
      return;
    }
    const pairShaped = await this.pool.query(`SELECT 1 FROM alerts WHERE ${PAIR_SHAPED} LIMIT 1`);
    if (pairShaped.rowCount) {
      const decided = await this.decideAll({ correlationId: 'screening:start' }, 'entry-amended');
      this.logger.log(decided, 'diversion alerts of the pair shape superseded by their routes');
    }
  }

  /** Reads the targeted countries and the list versions from the lists in force (at start and after each list version). */
  async reloadTargets(): Promise<void> {
    this.targets = await loadProgramTargets(this.pool, {
      minEntries: this.env.DIVERSION_PROGRAM_MIN_ENTRIES,
      minShare: this.env.DIVERSION_PROGRAM_MIN_SHARE,
    });
    const { rows } = await this.pool.query<{ list_id: string; version: string | null }>('SELECT list_id, version FROM sanctions_lists');
    this.versions = new Map(rows.map((r) => [r.list_id, r.version ?? '']));
  }

  /**
   * Settles the legs of a run of screened reports (a consumed batch; one report alone when handled one by one): each
   * report's legs replace those stored (`legs` empty: removed, e.g. retracted), and every route through the run's
   * legs before and after, and every CHPL surge into the countries of its tier 1–2 legs before and after, is decided
   * ONCE for the run (`decideRoutes`, `ChplSurgeService.decide`): a batch of many reports on the same routes costs one
   * decision, not one per report. The legs are written in the same transaction as the decisions, under `LEGS_LOCK`,
   * `ROUTE_LOCK` and `SURGE_LOCK`, and committed after every alert is written: a crash in between leaves the old legs,
   * so the redelivered run decides the same routes again (alert ids from the routes: nothing raised twice). The events
   * about a route or surge answer to the run's last change touching it, and an alert they supersede is superseded
   * `report-amended` (reports changed its basis, not a list). A report given twice keeps its last legs.
   * @returns the diversion alerts raised, reopened or updated.
   */
  async settle(changes: readonly LegChange[]): Promise<number> {
    if (changes.length === 0) return 0;
    return inTransaction(this.pool, async (client) => {
      await advisoryXactLocks(client, [LEGS_LOCK]);
      const removed = await this.replaceLegs(client, new Map(changes.map((c) => [c.reportId, c.legs])));
      const touchedBy = changes.map((c) => [...(removed.get(c.reportId) ?? []), ...c.legs]);
      const changed = touchedBy.flat();
      // Most reports have no legs, before or after: nothing to decide.
      if (changed.length === 0) return 0;
      await advisoryXactLocks(client, [ROUTE_LOCK, SURGE_LOCK]);
      const lastOf =
        <T>(touches: Array<(x: T) => boolean>) =>
        (x: T): AlertOrigin =>
          changes.findLast((_, i) => touches[i]!(x)) ?? changes[changes.length - 1]!;
      const countries = touchedBy.map((legs) => new Set(ChplSurgeService.countriesOf(legs)));
      await this.surges.decide(
        ChplSurgeService.countriesOf(changed),
        this.targets,
        lastOf(countries.map((of) => (country: string) => of.has(country))),
        'report-amended',
        client,
      );
      return this.decideRoutes(changed, lastOf(touchedBy.map(routesTouchedBy)), 'report-amended', client);
    });
  }

  /**
   * A report retracted: diversion alerts of the pair shape (raised before routes) citing the report on their first
   * leg are superseded `report-retracted`. Its legs leave the index with `settle` (`legs` empty), which decides every
   * route and CHPL surge through them again without them (an alert whose route holds with the other claims is
   * updated with them, `report-amended`; one left without a pair is superseded `report-amended`, so a
   * later report can reopen it; `AlertWriter.supersede`
   * leaves route and surge alerts to this when superseding the report's alerts as `report-retracted`).
   */
  async onRetracted(reportId: string, cause: EventMetadata): Promise<void> {
    await this.alerts.supersede(
      `kind = 'possible-diversion' AND basis->'diversion'->'claims'->0->>'reportId' = $1::text AND basis->'diversion'->'via' IS NULL`,
      [reportId],
      'report-retracted',
      cause,
    );
  }

  /**
   * A list version: the targets are read again and every route among the stored legs is decided again (a rebuild of
   * the rule's results): new ones raised, changed ones updated with their new basis, ones no longer holding
   * superseded (`entry-delisted` when the version delisted entries, else `entry-amended`); so is every CHPL surge (the
   * countries targeted, left out of the surge rule, may have changed; their count is logged). @returns the routes in force.
   */
  async onListVersion(cause: EventMetadata, delisted: boolean): Promise<number> {
    await this.reloadTargets();
    const { diversions, surges } = await this.decideAll(cause, delisted ? 'entry-delisted' : 'entry-amended');
    this.logger.log({ diversions, surges }, 'diversions and CHPL surges decided again after a list version');
    return diversions;
  }

  /**
   * Every route and CHPL surge among the stored legs decided again (`decideRoutes('all')`): diversion alerts of the
   * pair shape still in force are superseded `entry-amended`, whatever `reason`.
   */
  private async decideAll(
    cause: EventMetadata,
    reason: 'entry-delisted' | 'entry-amended',
  ): Promise<{ diversions: number; surges: number }> {
    await this.alerts.supersede(PAIR_SHAPED, [], 'entry-amended', cause);
    const origin = () => ({ trigger: 'list-updated' as const, cause });
    const diversions = await this.decideRoutes('all', origin, reason);
    const surges = await this.surges.decide('all', this.targets, origin, reason);
    return { diversions, surges };
  }

  /**
   * Rebuilds `diversion_legs` from the event store (every report not retracted, folded as screening folds it) and
   * decides every route again, as a list version does: the same claims give the same alerts (ids from the routes; a
   * surge's from its country and window), raising nothing twice. Run at start when the table is empty (a new table, a
   * restored database). @returns the legs written, the routes and the CHPL surges in force.
   */
  async rebuild(cause: EventMetadata): Promise<{ legs: number; diversions: number; surges: number }> {
    await this.pool.query('DELETE FROM diversion_legs');
    let legs = 0;
    await forEachStoredReport(this.pool, async (report) => {
      const of = transferLegsOf(report.reportId, report.claims);
      if (of.length)
        await inTransaction(this.pool, async (client) => {
          await advisoryXactLocks(client, [LEGS_LOCK]);
          await this.replaceLegs(client, new Map([[report.reportId, of]]));
        });
      legs += of.length;
    });
    const { diversions, surges } = await this.decideAll(cause, 'entry-amended');
    if (legs) this.logger.log({ legs, diversions, surges }, 'diversion legs rebuilt from the event store');
    return { legs, diversions, surges };
  }

  /**
   * Replaces the stored legs of each report of `legs` with its legs (none: removes them), in the caller's transaction,
   * which holds `LEGS_LOCK`. @returns the legs replaced, by report.
   */
  private async replaceLegs(client: ClientBase, legs: ReadonlyMap<string, readonly TransferLeg[]>): Promise<Map<string, TransferLeg[]>> {
    const { rows } = await client.query<{ leg: TransferLeg }>(
      'DELETE FROM diversion_legs WHERE report_id = ANY($1::uuid[]) RETURNING leg',
      [[...legs.keys()]],
    );
    const written = [...legs.values()].flat();
    if (written.length)
      await client.query(
        `INSERT INTO diversion_legs (report_id, claim_id, from_country, to_country, keys, leg)
         SELECT (l->>'reportId')::uuid, l->>'claimId', l->>'from', l->>'to', ARRAY(SELECT jsonb_array_elements_text(k)), l
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(l, i) JOIN jsonb_array_elements($2::jsonb) WITH ORDINALITY AS y(k, j) ON i = j`,
        [JSON.stringify(written), JSON.stringify(written.map(categoryKeys))],
      );
    const removed = new Map<string, TransferLeg[]>();
    for (const { leg } of rows) (removed.get(leg.reportId) ?? removed.set(leg.reportId, []).get(leg.reportId)!).push(leg);
    return removed;
  }

  /**
   * Decides again every route through `changed` (legs before and after a change; every route when `'all'`) from the
   * legs stored now (`reconcileAlerts`): each route raises its alert, or updates it with its new basis when its
   * claims or figures changed (reopens it, superseded before); an alert in force of those routes whose route no longer holds
   * is superseded; both with `reason` (`entry-amended` for a changed basis when `entry-delisted`); the events about a
   * route answer to `originOf(route)`. With `client`,
   * in the caller's transaction, which holds `ROUTE_LOCK` (and sees the legs it wrote); else in a transaction of its
   * own under `ROUTE_LOCK` (held while the alerts are written, so two screenings never act on stale legs). The legs
   * are read through the country indexes (`diversion_legs_from`, `_to`), the alerts through `alerts_diversion_via`.
   * @returns the routes raised, reopened or updated among those decided; with `'all'`, the routes in force.
   */
  private async decideRoutes(
    changed: readonly TransferLeg[] | 'all',
    originOf: (route: DiversionBasisV1) => AlertOrigin,
    reason: ReconcileRule<DiversionBasisV1>['reason'],
    client?: ClientBase,
  ): Promise<number> {
    const decide = async (db: ClientBase) => {
      // A route A → B → C through a changed leg needs every A → B and every B → C leg of its category: those parallel
      // to a changed leg, and those ending where it begins or beginning where it ends. Changed legs of one flow and
      // categories ask once.
      const flows =
        changed === 'all' ? [] : [...new Map(changed.map((l) => [`${l.from} ${l.to} ${categoryKeys(l).join(' ')}`, l])).values()];
      const legsOf =
        changed === 'all'
          ? await db.query<{ leg: TransferLeg }>('SELECT leg FROM diversion_legs')
          : await db.query<{ leg: TransferLeg }>(
              // Three joins the country indexes serve, not one join on an OR of them (a nested loop over every leg per
              // flow: 636 -> 162 ms for the flows of a run of 100 reports, 6,900 legs read).
              `WITH f AS (SELECT l->>'from' AS "from", l->>'to' AS "to", ARRAY(SELECT jsonb_array_elements_text(l->'keys')) AS keys
                            FROM jsonb_array_elements($1::jsonb) AS l)
               SELECT DISTINCT ON (x.report_id, x.claim_id) x.leg FROM (
                 SELECT d.report_id, d.claim_id, d.leg FROM f JOIN diversion_legs d ON d.to_country = f."from" AND d.keys && f.keys
                 UNION ALL
                 SELECT d.report_id, d.claim_id, d.leg FROM f JOIN diversion_legs d ON d.from_country = f."to" AND d.keys && f.keys
                 UNION ALL
                 SELECT d.report_id, d.claim_id, d.leg FROM f JOIN diversion_legs d
                     ON d.from_country = f."from" AND d.to_country = f."to" AND d.keys && f.keys
               ) AS x ORDER BY x.report_id, x.claim_id`,
              [JSON.stringify(flows.map((l) => ({ from: l.from, to: l.to, keys: categoryKeys(l) })))],
            );
      const touched = changed === 'all' ? () => true : routesTouchedBy(flows);
      const found = findDiversionRoutes(
        legsOf.rows.map((r) => r.leg),
        this.targets,
        this.settings,
      ).filter(touched);
      // The transit countries of the routes through a changed leg: B of A → B as a first leg, of B → C as an onward one.
      const vias = changed === 'all' ? [] : [...new Set(flows.flatMap((l) => [l.to, l.from]))];
      const { rows: open } = await db.query<{ alert_id: string; basis: { diversion: DiversionBasisV1 } }>(
        `SELECT alert_id, basis FROM alerts
          WHERE kind = 'possible-diversion' AND status <> 'superseded' AND ${changed === 'all' ? `basis->'diversion'->'via' IS NOT NULL` : `basis->'diversion'->>'via' = ANY($1::text[])`}`,
        changed === 'all' ? [] : [vias],
      );
      const done = await reconcileAlerts<DiversionBasisV1>(
        this.alerts,
        found,
        open.filter((r) => touched(r.basis.diversion)).map((r) => ({ alertId: r.alert_id, basis: r.basis.diversion })),
        { keyOf: diversionRouteKey, candidateOf: (d) => candidateOf(d, this.versionsOf(d)), originOf, reason },
      );
      return changed === 'all' ? found.length : done;
    };
    if (client) return decide(client);
    return inTransaction(this.pool, async (own) => {
      await advisoryXactLocks(own, [ROUTE_LOCK]);
      return decide(own);
    });
  }

  /** The versions of the lists whose programs the diversion cites, e.g. `ofac-sdn 2024-05-03`. */
  private versionsOf(d: DiversionBasisV1): string {
    return [...new Set(d.programs.map((p) => `${p.listId} ${this.versions.get(p.listId) ?? ''}`.trim()))].sort().join(', ');
  }
}

/**
 * The alert a route raises: on its first onward claim cited, by date, report and claim (the alert keeps the claim it
 * was raised on: the onward claim that made its first pair when the claims came one by one in date order, and the same
 * when they came in one run), its entry
 * `diversion:<A → B → C> <category>` (what its id comes from, whatever report it sits on), every figure in its notes.
 */
function candidateOf(d: DiversionBasisV1, lists: string): AlertCandidate {
  const onward = d.claims.find((c) => c.role === 'onward')!;
  const programs = [...new Set(d.programs.map((p) => p.program))].sort();
  const [a, b, c] = d.path.split(' → ');
  return {
    reportId: onward.reportId,
    claimId: onward.claimId,
    kind: 'possible-diversion',
    diversion: d,
    location: `claims[${onward.claimId}]`,
    queryName: `${d.path}: ${onward.item.description}`,
    listId: [...new Set(d.programs.map((p) => p.listId))].sort()[0]!,
    entryId: `diversion:${diversionRouteKey(d)}`,
    listVersion: lists,
    entryName: `${programs.join(', ')} → ${c}`,
    matchedName: d.category,
    matchedNameKind: 'category',
    programs,
    countries: [...new Set([a!, b!, c!])].sort(),
    score: 1,
    explanation: { tokens: [], penalties: [], notes: d.notes },
  };
}
