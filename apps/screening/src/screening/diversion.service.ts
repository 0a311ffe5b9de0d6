import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { advisoryXactLocks, PG_POOL } from '@tm/database';
import {
  categoryKeys,
  diversionKey,
  diversionsWith,
  findDiversions,
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

/** The diversion alerts that cite one of a report's claims ($1: the report id), on either leg. */
const STALE_OF_REPORT = `(report_id = $1 OR basis->'diversion'->'claims'->0->>'reportId' = $1::text)`;

/** What `DELETE FROM diversion_legs … RETURNING` gives: the removed legs' recipient country and item (for surges). */
const REMOVED = `RETURNING to_country AS "to", jsonb_build_object('chplTier', leg->'item'->>'chplTier') AS item`;

/** The lock that orders writers of `diversion_legs`: a report's legs are written and its partners read under it. */
const LEGS_LOCK = 'screening:diversion-legs';

/**
 * Possible third-country diversion (`possible-diversion` alerts, rule `decideDiversion` of `@tm/domain`): the same item
 * category flowing A → B and B → C within `DIVERSION_WINDOW_DAYS`, C the target of a program in force that does not
 * target B (targets derived from the lists in force: `loadProgramTargets`).
 *
 * Each report's transfer legs are kept in `diversion_legs` (derived: refilled from the event store when empty). A
 * report's legs are replaced and the legs that meet them read in one transaction under one advisory lock, so of two
 * reports screened at once the second sees the first: whatever order claims arrive in, each pair is found once,
 * and its alert id comes from the pair (first leg, onward leg), never from the arrival order.
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
   * At start: the targets, and the legs rebuilt from the event store when the table is empty (see `rebuild`). With
   * `possible-diversion` left out of `SCREENING_ALERT_KINDS` the legs are dropped instead (they would go stale), so the
   * first start with it back rebuilds them.
   */
  async onModuleInit(): Promise<void> {
    if (!this.env.SCREENING_ALERT_KINDS.includes('possible-diversion')) {
      await this.pool.query('DELETE FROM diversion_legs');
      return;
    }
    await this.reloadTargets();
    const { rowCount } = await this.pool.query('SELECT 1 FROM diversion_legs LIMIT 1');
    if (!rowCount) await this.rebuild({ correlationId: 'screening:start' });
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
   * A report screened (submitted, amended, evidence added): its legs replace those stored, the diversions they take
   * part in raise or reopen their alerts, and an alert in force citing one of the report's claims that no longer
   * holds is superseded (`entry-amended`); the CHPL surges into the countries of its tier 1–2 legs, before and after,
   * are decided again. @returns the diversion alerts raised or reopened.
   */
  async onReport(report: ScreenableReport, trigger: AlertRaisedV1['trigger'], cause: EventMetadata): Promise<number> {
    const legs = transferLegsOf(report.reportId, report.claims);
    if (legs.length === 0) {
      // Most reports: nothing to index; a report whose transfers were amended away drops its legs and their alerts.
      const dropped = await this.pool.query<Pick<TransferLeg, 'to' | 'item'>>(
        `DELETE FROM diversion_legs WHERE report_id = $1 ${REMOVED}`,
        [report.reportId],
      );
      if (dropped.rowCount) await this.supersedeStale(STALE_OF_REPORT, [report.reportId], new Set(), cause);
      await this.surges.decide(ChplSurgeService.countriesOf(dropped.rows), this.targets, trigger, cause);
      return 0;
    }
    const { partners, removed } = await this.replaceLegs(report.reportId, legs);
    await this.surges.decide(ChplSurgeService.countriesOf([...removed, ...legs]), this.targets, trigger, cause);
    const found = new Map<string, DiversionBasisV1>();
    for (const [i, leg] of legs.entries())
      for (const d of diversionsWith(leg, [...partners, ...legs.slice(0, i)], this.targets, this.settings)) found.set(diversionKey(d), d);
    let done = 0;
    for (const d of found.values()) if (await this.alerts.raise(candidateOf(d, this.versionsOf(d)), trigger, cause)) done++;
    await this.supersedeStale(STALE_OF_REPORT, [report.reportId], new Set(found.keys()), cause);
    return done;
  }

  /**
   * A report retracted: its legs leave the index (its diversion alerts are superseded with the report's, see
   * `AlertWriter.supersede`), and the CHPL surges into the countries of its tier 1–2 legs are decided again without
   * them (a surge no longer holding is superseded `entry-amended`; one made by a lower baseline is raised,
   * trigger `claim-amended`).
   */
  async onRetracted(reportId: string, cause: EventMetadata): Promise<void> {
    const removed = await this.pool.query<Pick<TransferLeg, 'to' | 'item'>>(`DELETE FROM diversion_legs WHERE report_id = $1 ${REMOVED}`, [
      reportId,
    ]);
    await this.alerts.supersede(
      `kind = 'possible-diversion' AND basis->'diversion'->'claims'->0->>'reportId' = $1::text`,
      [reportId],
      'report-retracted',
      cause,
    );
    await this.surges.decide(ChplSurgeService.countriesOf(removed.rows), this.targets, 'claim-amended', cause);
  }

  /**
   * A list version: the targets are read again and every diversion among the stored legs is decided again (a
   * rebuild of the rule's results): new ones raised, ones no longer holding superseded (`entry-delisted` when the
   * version delisted entries, else `entry-amended`); so is every CHPL surge (the countries targeted, left out of
   * the surge rule, may have changed; their count is logged). @returns the diversions in force.
   */
  async onListVersion(cause: EventMetadata, delisted: boolean): Promise<number> {
    await this.reloadTargets();
    const { diversions, surges } = await this.decideAll(cause, delisted ? 'entry-delisted' : 'entry-amended');
    this.logger.log({ diversions, surges }, 'diversions and CHPL surges decided again after a list version');
    return diversions;
  }

  /** Every diversion and CHPL surge among the stored legs raised or reopened, those no longer holding superseded with `reason`. */
  private async decideAll(
    cause: EventMetadata,
    reason: 'entry-delisted' | 'entry-amended',
  ): Promise<{ diversions: number; surges: number }> {
    const { rows } = await this.pool.query<{ leg: TransferLeg }>('SELECT leg FROM diversion_legs ORDER BY report_id, claim_id');
    const found = findDiversions(
      rows.map((r) => r.leg),
      this.targets,
      this.settings,
    );
    for (const d of found) await this.alerts.raise(candidateOf(d, this.versionsOf(d)), 'list-updated', cause);
    await this.supersedeStale('true', [], new Set(found.map(diversionKey)), cause, reason);
    const surges = await this.surges.decide('all', this.targets, 'list-updated', cause, reason);
    return { diversions: found.length, surges };
  }

  /**
   * Rebuilds `diversion_legs` from the event store (every report not retracted, folded as screening folds it) and
   * decides every diversion again, as a list version does: the same claims give the same alerts (ids from the
   * claims; a surge's from its country and window), raising nothing twice. Run at start when the table is empty (a
   * new table, a restored database). @returns the legs written, the diversions and the CHPL surges in force.
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

  /**
   * Replaces the report's legs and reads, under the lock, every other stored leg sharing a category and a country with
   * one of them. @returns those partners, and the recipient country and item of each leg replaced.
   */
  private async replaceLegs(
    reportId: string,
    legs: TransferLeg[],
  ): Promise<{ partners: TransferLeg[]; removed: Array<Pick<TransferLeg, 'to' | 'item'>> }> {
    return inTransaction(this.pool, async (client) => {
      await advisoryXactLocks(client, [LEGS_LOCK]);
      const removed = (
        await client.query<Pick<TransferLeg, 'to' | 'item'>>(`DELETE FROM diversion_legs WHERE report_id = $1 ${REMOVED}`, [reportId])
      ).rows;
      if (legs.length === 0) return { partners: [], removed };
      await client.query(
        `INSERT INTO diversion_legs (report_id, claim_id, from_country, to_country, keys, leg)
         SELECT $1, l->>'claimId', l->>'from', l->>'to', ARRAY(SELECT jsonb_array_elements_text(k)), l
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(l, i) JOIN jsonb_array_elements($3::jsonb) WITH ORDINALITY AS y(k, j) ON i = j`,
        [reportId, JSON.stringify(legs), JSON.stringify(legs.map(categoryKeys))],
      );
      const { rows } = await client.query<{ leg: TransferLeg }>(
        `SELECT DISTINCT ON (d.report_id, d.claim_id) d.leg
           FROM diversion_legs d, jsonb_array_elements($2::jsonb) AS l
          WHERE d.report_id <> $1
            AND (d.to_country = l->>'from' OR d.from_country = l->>'to')
            AND d.keys && ARRAY(SELECT jsonb_array_elements_text(l->'keys'))
          ORDER BY d.report_id, d.claim_id`,
        [reportId, JSON.stringify(legs.map((l) => ({ from: l.from, to: l.to, keys: categoryKeys(l) })))],
      );
      return { partners: rows.map((r) => r.leg), removed };
    });
  }

  /** Supersedes the diversion alerts in force chosen by `where` (parameters from $1) whose key is not in `inForce`. */
  private async supersedeStale(
    where: string,
    params: unknown[],
    inForce: ReadonlySet<string>,
    cause: EventMetadata,
    reason: 'entry-delisted' | 'entry-amended' = 'entry-amended',
  ): Promise<void> {
    const { rows } = await this.pool.query<{ alert_id: string; basis: { diversion: DiversionBasisV1 } }>(
      `SELECT alert_id, basis FROM alerts WHERE kind = 'possible-diversion' AND basis->'diversion' IS NOT NULL AND status <> 'superseded' AND ${where}`,
      params,
    );
    for (const r of rows)
      if (!inForce.has(diversionKey(r.basis.diversion))) await this.alerts.supersede('alert_id = $1', [r.alert_id], reason, cause);
  }

  /** The versions of the lists whose programs the diversion cites, e.g. `ofac-sdn 2024-05-03`. */
  private versionsOf(d: DiversionBasisV1): string {
    return [...new Set(d.programs.map((p) => `${p.listId} ${this.versions.get(p.listId) ?? ''}`.trim()))].sort().join(', ');
  }
}

/** The alert a diversion raises: on the onward claim, keyed by the first claim, with every figure in its notes. */
function candidateOf(d: DiversionBasisV1, lists: string): AlertCandidate {
  const [first, onward] = d.claims;
  const programs = [...new Set(d.programs.map((p) => p.program))].sort();
  return {
    reportId: onward.reportId,
    claimId: onward.claimId,
    kind: 'possible-diversion',
    diversion: d,
    location: `claims[${onward.claimId}]`,
    queryName: `${d.path}: ${onward.item.description}`,
    listId: [...new Set(d.programs.map((p) => p.listId))].sort()[0]!,
    entryId: `diversion:${first.reportId}/${first.claimId}`,
    listVersion: lists,
    entryName: `${programs.join(', ')} → ${onward.to}`,
    matchedName: d.category,
    matchedNameKind: 'category',
    programs,
    countries: [...new Set([first.from, first.to, onward.to])].sort(),
    score: 1,
    explanation: { tokens: [], penalties: [], notes: d.notes },
  };
}
