import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { advisoryXactLocks, PG_POOL } from '@tm/database';
import {
  categoryKeys,
  diversionRouteKey,
  findDiversionRoutes,
  routeTouchedBy,
  transferLegsOf,
  type AlertRaisedV1,
  type DiversionBasisV1,
  type ProgramTargetV1,
  type TransferLeg,
} from '@tm/domain';
import { inTransaction, type EventMetadata } from '@tm/event-store';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { loadProgramTargets } from '@tm/sanctions';
import type { AlertCandidate, ScreenableReport } from '@tm/screening';
import { AlertWriter } from './alert-writer.service';
import { ChplSurgeService } from './chpl-surge.service';
import { forEachStoredReport } from './stored-reports';

/** What `DELETE FROM diversion_legs … RETURNING` gives: the removed legs (for the routes and surges they were on). */
const REMOVED = `RETURNING leg`;

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
 * rests on other claims or figures is superseded (`entry-amended`) and reopened with them, one whose route no longer
 * holds is superseded, so once the same claims are in, the alert's basis is the same whatever order they came in.
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
   * A report screened (submitted, amended, evidence added): its legs replace those stored, and every route through
   * its legs before and after is decided again (`decideRoutes`); so are the CHPL surges into the countries of its tier
   * 1–2 legs, before and after. @returns the diversion alerts raised or reopened.
   */
  async onReport(report: ScreenableReport, trigger: AlertRaisedV1['trigger'], cause: EventMetadata): Promise<number> {
    const legs = transferLegsOf(report.reportId, report.claims);
    const removed = await this.replaceLegs(report.reportId, legs);
    // Most reports have no legs, before or after: nothing to decide.
    if (legs.length === 0 && removed.length === 0) return 0;
    await this.surges.decide(ChplSurgeService.countriesOf([...removed, ...legs]), this.targets, trigger, cause);
    return this.decideRoutes([...removed, ...legs], trigger, cause);
  }

  /**
   * A report retracted: its legs leave the index and every route through them is decided again without them (an
   * alert whose route holds with the other claims is superseded `entry-amended` and reopened with them, one left
   * without a pair superseded; `AlertWriter.supersede` leaves route alerts to this when superseding the report's
   * alerts as `report-retracted`). Pair-shaped alerts citing the report on their first leg are superseded
   * `report-retracted`. The CHPL surges into the countries of its tier 1–2 legs are decided again without them.
   */
  async onRetracted(reportId: string, cause: EventMetadata): Promise<void> {
    const removed = await this.replaceLegs(reportId, []);
    await this.alerts.supersede(
      `kind = 'possible-diversion' AND basis->'diversion'->'claims'->0->>'reportId' = $1::text AND basis->'diversion'->'via' IS NULL`,
      [reportId],
      'report-retracted',
      cause,
    );
    await this.surges.decide(ChplSurgeService.countriesOf(removed), this.targets, 'claim-amended', cause);
    if (removed.length) await this.decideRoutes(removed, 'claim-amended', cause);
  }

  /**
   * A list version: the targets are read again and every route among the stored legs is decided again (a rebuild of
   * the rule's results): new ones raised, changed ones reopened with their new basis, ones no longer holding
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
    const diversions = await this.decideRoutes('all', 'list-updated', cause, reason);
    const surges = await this.surges.decide('all', this.targets, 'list-updated', cause, reason);
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
      if (of.length) await this.replaceLegs(report.reportId, of);
      legs += of.length;
    });
    const { diversions, surges } = await this.decideAll(cause, 'entry-amended');
    if (legs) this.logger.log({ legs, diversions, surges }, 'diversion legs rebuilt from the event store');
    return { legs, diversions, surges };
  }

  /** Replaces the report's stored legs with `legs` (none: removes them). @returns the legs replaced. */
  private async replaceLegs(reportId: string, legs: TransferLeg[]): Promise<TransferLeg[]> {
    if (legs.length === 0)
      return (
        await this.pool.query<{ leg: TransferLeg }>(`DELETE FROM diversion_legs WHERE report_id = $1 ${REMOVED}`, [reportId])
      ).rows.map((r) => r.leg);
    return inTransaction(this.pool, async (client) => {
      await advisoryXactLocks(client, [LEGS_LOCK]);
      const removed = (await client.query<{ leg: TransferLeg }>(`DELETE FROM diversion_legs WHERE report_id = $1 ${REMOVED}`, [reportId]))
        .rows;
      await client.query(
        `INSERT INTO diversion_legs (report_id, claim_id, from_country, to_country, keys, leg)
         SELECT $1, l->>'claimId', l->>'from', l->>'to', ARRAY(SELECT jsonb_array_elements_text(k)), l
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(l, i) JOIN jsonb_array_elements($3::jsonb) WITH ORDINALITY AS y(k, j) ON i = j`,
        [reportId, JSON.stringify(legs), JSON.stringify(legs.map(categoryKeys))],
      );
      return removed.map((r) => r.leg);
    });
  }

  /**
   * Decides again every route through `changed` (a report's legs before and after a change; every route when
   * `'all'`) from the legs stored now, under `ROUTE_LOCK` (held while the alerts are written, so two screenings never
   * act on stale legs): each route raises its alert, or reopens it with its new basis after superseding it
   * (`entry-amended`) when its claims or figures changed; an alert in force of those routes whose route no longer holds
   * is superseded with `reason`. The legs are read through the country indexes (`diversion_legs_from`, `_to`), the
   * alerts through `alerts_diversion_via`. @returns the routes in force among those decided.
   */
  private async decideRoutes(
    changed: readonly TransferLeg[] | 'all',
    trigger: AlertRaisedV1['trigger'],
    cause: EventMetadata,
    reason: 'entry-delisted' | 'entry-amended' = 'entry-amended',
  ): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      await advisoryXactLocks(client, [ROUTE_LOCK]);
      // A route A → B → C through a changed leg needs every A → B and every B → C leg of its category: those parallel
      // to a changed leg, and those ending where it begins or beginning where it ends.
      const legsOf =
        changed === 'all'
          ? await client.query<{ leg: TransferLeg }>('SELECT leg FROM diversion_legs')
          : await client.query<{ leg: TransferLeg }>(
              `SELECT DISTINCT ON (d.report_id, d.claim_id) d.leg
                 FROM diversion_legs d, jsonb_array_elements($1::jsonb) AS l
                WHERE (d.to_country = l->>'from' OR d.from_country = l->>'to' OR (d.from_country = l->>'from' AND d.to_country = l->>'to'))
                  AND d.keys && ARRAY(SELECT jsonb_array_elements_text(l->'keys'))
                ORDER BY d.report_id, d.claim_id`,
              [JSON.stringify(changed.map((l) => ({ from: l.from, to: l.to, keys: categoryKeys(l) })))],
            );
      const found = findDiversionRoutes(
        legsOf.rows.map((r) => r.leg),
        this.targets,
        this.settings,
      ).filter((d) => changed === 'all' || routeTouchedBy(d, changed));
      // The transit countries of the routes through a changed leg: B of A → B as a first leg, of B → C as an onward one.
      const vias = changed === 'all' ? [] : [...new Set(changed.flatMap((l) => [l.to, l.from]))];
      const { rows: open } = await client.query<{ alert_id: string; basis: { diversion: DiversionBasisV1 } }>(
        `SELECT alert_id, basis FROM alerts
          WHERE kind = 'possible-diversion' AND status <> 'superseded' AND ${changed === 'all' ? `basis->'diversion'->'via' IS NOT NULL` : `basis->'diversion'->>'via' = ANY($1::text[])`}`,
        changed === 'all' ? [] : [vias],
      );
      const inForce = new Map(
        open
          .filter((r) => changed === 'all' || routeTouchedBy(r.basis.diversion, changed))
          .map((r) => [diversionRouteKey(r.basis.diversion), r]),
      );
      let done = 0;
      for (const d of found) {
        const alert = inForce.get(diversionRouteKey(d));
        inForce.delete(diversionRouteKey(d));
        if (alert && isDeepStrictEqual(alert.basis.diversion, d)) continue;
        // The route holds with other claims or figures: superseded as amended and reopened with the route as it is now.
        if (alert) await this.alerts.supersede('alert_id = $1', [alert.alert_id], 'entry-amended', cause);
        if (await this.alerts.raise(candidateOf(d, this.versionsOf(d)), trigger, cause)) done++;
      }
      for (const stale of inForce.values()) await this.alerts.supersede('alert_id = $1', [stale.alert_id], reason, cause);
      return changed === 'all' ? found.length : done;
    });
  }

  /** The versions of the lists whose programs the diversion cites, e.g. `ofac-sdn 2024-05-03`. */
  private versionsOf(d: DiversionBasisV1): string {
    return [...new Set(d.programs.map((p) => `${p.listId} ${this.versions.get(p.listId) ?? ''}`.trim()))].sort().join(', ');
  }
}

/**
 * The alert a route raises: on its last onward claim cited (the alert keeps the claim it was raised on), its entry
 * `diversion:<A → B → C> <category>` (what its id comes from, whatever report it sits on), every figure in its notes.
 */
function candidateOf(d: DiversionBasisV1, lists: string): AlertCandidate {
  const onward = d.claims[d.claims.length - 1]!;
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
