import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import {
  ALERT_KINDS,
  type AlertKind,
  type AlertRaisedV1,
  type AlertSupersededReason,
  type SanctionsEntryDelistedV1,
  type SanctionsListVersionImportedV1,
  transferLegsOf,
} from '@tm/domain';
import type { EventMetadata } from '@tm/event-store';
import { PermanentMessageError, readEventMessage, type ConsumedMessage, type EventMessage, type MessageHandler } from '@tm/messaging';
import { ENVIRONMENT, Metrics, withCorrelation, type Environment, type Histogram } from '@tm/platform';
import { AlertWriter, alertIdOf } from './alert-writer.service';
import { DiversionService, type LegChange } from './diversion.service';
import { IndexHolder } from './index-holder.service';
import { entryKey, screenMisdeclaredGoods, screenReportYielding, type AlertCandidate, type ScreenableReport } from '@tm/screening';
import { forEachStoredReport, loadReport, loadReportBefore, loadReportVersion, recordScreened } from './stored-reports';

const REPORT_TRIGGERS: Record<string, AlertRaisedV1['trigger']> = {
  ReportSubmitted: 'report-submitted',
  ClaimAmended: 'claim-amended',
  EvidenceAdded: 'evidence-added',
};

/**
 * Handles the events topic (consumer group `<prefix>screening`, see `ScreeningModule`) and raises alerts:
 * - `ReportSubmitted` / `ClaimAmended` / `EvidenceAdded`: the report as stored now is screened (parties by name,
 *   texts by multi-pattern scan); each match ≥ `SCREENING_THRESHOLD` raises `AlertRaised` (idempotent ids); each party
 *   matching a party that listed entries own (≥ 50 % together), direct or are linked to raises an `ownership` alert;
 *   each party sharing an identifier, an address or (in another country) a close name with a listed entry raises a
 *   `front-company` alert (`FrontCompanyIndex`); each item declared civilian that its codes or the claim's assistance
 *   type say is military raises a `misdeclared-goods` alert; the report's alerts in force of these kinds (name
 *   matches included, reviewed or not) that this screening did not find are superseded: `report-amended` when the
 *   report as it stood before the event still gives the alert against the lists in force (the event named the party
 *   away), else `entry-amended` (the list changed since the report's last screening). An amendment that names the
 *   party no longer, or elsewhere, leaves its alert superseded, and one naming it again reopens the same alert
 *   (`decideOnMatch`), never a second one;
 * - `ReportRetracted`: the report's alerts are superseded;
 * - `SanctionsEntryDelisted`: the entry's alerts are superseded;
 * - `SanctionsListVersionImported` (last event of a version): the index is rebuilt, then every stored report is
 *   screened again, keeping only matches of the entries that version designated or amended (trigger `list-updated`):
 *   a match raises its alert, or reopens the one a delisting superseded (a re-designation), never a second one; and
 *   ownership is decided again for every stored report (any designation, amendment or delisting may change a
 *   holding): an ownership or front-company alert whose basis no longer holds is superseded, one that holds again
 *   is reopened;
 *   and every possible diversion among the stored transfers is decided again (`DiversionService`).
 * A report's transfers are also checked for possible third-country diversion and CHPL surges (`DiversionService.settle`).
 * Runs of messages (`handleBatch`, up to the consumer's batch size, up to a list version) are screened event by event,
 * but the routes and surges their reports' legs touch are decided once for the run, at its end; a single message is a
 * run of one. A report is recorded as screened at the stream version screened (`report_screenings`, the report view's
 * `screening`) after that decision, once every alert of its screening is written.
 * Only the kinds of `SCREENING_ALERT_KINDS` are decided (default all): a kind left out is neither raised nor
 * superseded by re-screening (its alerts stay as they are), and costs nothing.
 * Handlers are idempotent, so a redelivery after a crash raises nothing twice.
 */
@Injectable()
export class ScreeningHandler implements MessageHandler {
  private readonly logger = new Logger(ScreeningHandler.name);
  private readonly screeningTime?: Histogram<'trigger'>;
  /** `SCREENING_ALERT_KINDS`: the kinds decided here; the others are neither raised nor superseded. */
  private readonly kinds: ReadonlySet<AlertKind>;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly holder: IndexHolder,
    private readonly alerts: AlertWriter,
    private readonly diversion: DiversionService,
    @Optional() metrics?: Metrics,
  ) {
    this.kinds = alertKindsOf(env.SCREENING_ALERT_KINDS);
    this.screeningTime = metrics?.histogram({
      name: 'tm_screening_seconds',
      help: "Time to screen one report's parties and text against the sanctions lists (matching only), by trigger",
      labelNames: ['trigger'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    });
  }

  /** One message: a run of one (`screenRun`), or a list version. */
  async handle({ message }: ConsumedMessage): Promise<void> {
    const event = readEventMessage(message);
    if (event.type !== 'SanctionsListVersionImported') return this.screenRun([event]);
    const cause = causeOf(event);
    await withCorrelation(cause.correlationId, () => this.onListVersion(event.payload as SanctionsListVersionImportedV1, cause));
  }

  /**
   * A run of consecutive messages of one partition (`screenRun`): the route and surge decisions of its reports are
   * made once for the run. @returns how many, from the first, it settled: all of them, or up to the first list version
   * (it screens every stored report: handled alone), unreadable message or report event without a report id (handled
   * alone: dead-lettered).
   */
  async handleBatch(messages: ConsumedMessage[]): Promise<number> {
    const run: EventMessage[] = [];
    for (const { message } of messages) {
      let event: EventMessage;
      try {
        event = readEventMessage(message);
      } catch {
        break;
      }
      if (event.type === 'SanctionsListVersionImported' || (REPORT_TRIGGERS[event.type] && reportIdOf(event) === undefined)) break;
      run.push(event);
    }
    await this.screenRun(run);
    return run.length;
  }

  /**
   * Screens each event of the run in order (`screenEvent`), then settles the run's transfer legs once, deciding every
   * route and CHPL surge they touch (`DiversionService.settle`), and only then records the reports as screened: a
   * report never looks screened before its diversion alerts exist.
   */
  private async screenRun(events: readonly EventMessage[]): Promise<void> {
    const legs: LegChange[] = [];
    const screened = new Map<string, number>();
    for (const event of events) {
      const cause = causeOf(event);
      await withCorrelation(cause.correlationId, () => this.screenEvent(event, cause, legs, screened));
    }
    await this.diversion.settle(legs);
    await recordScreened(this.pool, screened);
  }

  /**
   * One event of a run, but for the route and surge decisions (its reports' legs go to `legs`) and the record of the
   * screening (the report's stream version goes to `screened`), which `screenRun` makes for the whole run.
   */
  private async screenEvent(event: EventMessage, cause: EventMetadata, legs: LegChange[], screened: Map<string, number>): Promise<void> {
    const trigger = REPORT_TRIGGERS[event.type];
    const done = (reportId: string, version: number) => screened.set(reportId, Math.max(version, screened.get(reportId) ?? 0));
    if (trigger) {
      const reportId = reportIdOf(event);
      if (reportId === undefined) throw new PermanentMessageError(`${event.type} without a reportId`, 'malformed');
      const stored = await loadReportVersion(this.pool, reportId);
      if (!stored) return;
      const { report, version } = stored;
      if (!report.retracted) {
        const inForce = new Set<string>();
        await this.raiseFor(report, trigger, cause, undefined, inForce);
        await this.supersedeStale(REPORT_KINDS, 'report_id = $1', [report.reportId], inForce, { before: event.version }, cause);
        if (this.kinds.has('possible-diversion')) legs.push({ reportId, legs: transferLegsOf(reportId, report.claims), trigger, cause });
      }
      done(reportId, version);
      return;
    }
    switch (event.type) {
      case 'ReportRetracted': {
        const reportId = (event.payload as { reportId: string }).reportId;
        await this.alerts.supersede('report_id = $1', [reportId], 'report-retracted', cause);
        await this.diversion.onRetracted(reportId, cause);
        if (this.kinds.has('possible-diversion')) legs.push({ reportId, legs: [], trigger: 'claim-amended', cause });
        done(reportId, event.version);
        return;
      }
      case 'SanctionsEntryDelisted': {
        const p = event.payload as SanctionsEntryDelistedV1;
        const n = await this.alerts.supersede(
          'list_id = $1 AND entry_id = $2',
          [p.listId, p.entryId],
          'entry-delisted',
          cause,
          p.listVersion,
        );
        if (n) this.logger.log({ listId: p.listId, entryId: p.entryId, superseded: n }, 'alerts superseded by a delisting');
        return;
      }
    }
  }

  private async onListVersion(v: SanctionsListVersionImportedV1, cause: EventMetadata): Promise<void> {
    await this.holder.reload();
    const { designated, amended, delisted } = v.counts;
    if (designated + amended + delisted === 0) return;
    const t0 = performance.now();
    let onlyEntries: Set<string> | undefined;
    if (designated + amended > 0) {
      const { rows } = await this.pool.query<{ entry_id: string }>(
        'SELECT entry_id FROM sanctions_entries WHERE list_id = $1 AND changed_in = $2',
        [v.listId, v.version],
      );
      // Empty when a later version replaced these entries: its own event screens for them.
      onlyEntries = new Set(rows.map((r) => entryKey(v.listId, r.entry_id)));
    }
    const totals = { reports: 0, raised: 0, reopened: 0, ownershipSuperseded: 0 };
    const inForce = new Set<string>();
    await forEachStoredReport(this.pool, async (report) => {
      totals.reports++;
      const done = await this.raiseFor(report, 'list-updated', cause, onlyEntries?.size ? onlyEntries : new Set(), inForce);
      totals.raised += done.raised;
      totals.reopened += done.reopened;
    });
    // Name matches are left alone: this pass screened names for the version's entries only.
    totals.ownershipSuperseded = await this.supersedeStale(
      ['ownership', 'front-company'],
      'TRUE',
      [],
      inForce,
      delisted > 0 ? 'entry-delisted' : 'entry-amended',
      cause,
      v.version,
    );
    const diversions = this.kinds.has('possible-diversion') ? await this.diversion.onListVersion(cause, delisted > 0) : 0;
    this.logger.log(
      {
        listId: v.listId,
        version: v.version,
        entries: onlyEntries?.size ?? 0,
        ...totals,
        diversions,
        ms: Math.round(performance.now() - t0),
      },
      'stored reports screened against a new list version',
    );
  }

  /**
   * Supersedes the alerts in force (reviewed or not) of `kinds` (those of `SCREENING_ALERT_KINDS` only) chosen by
   * `where` (SQL on `alerts`, parameters from $1) that the pass just made did not find (`inForce`: the ids of every
   * match it acted on: raised, reopened, left in force or not raised for a dismissal), each after screening its report
   * again for that kind (a report stored during the pass was screened against the same lists by its own event).
   * `name-match` belongs in `kinds` only after a pass over every entry (not a list update's `onlyEntries`).
   * `reason`: a list version's (`entry-delisted`, `entry-amended`), or `{ before }` for a report event at stream
   * version `before`: `report-amended` for an alert the report as it stood before the event still gives, screened
   * against the lists in force (the event changed it away), else `entry-amended` (the list did, since).
   * @returns the number superseded.
   */
  private async supersedeStale(
    kinds: readonly AlertKind[],
    where: string,
    params: unknown[],
    inForce: ReadonlySet<string>,
    reason: 'entry-delisted' | 'entry-amended' | { before: number },
    cause: EventMetadata,
    listVersion?: string,
  ): Promise<number> {
    const decided = kinds.filter((k) => this.kinds.has(k));
    if (decided.length === 0) return 0;
    const { rows } = await this.pool.query<{ alert_id: string; report_id: string; kind: AlertKind }>(
      `SELECT alert_id, report_id, kind FROM alerts
        WHERE kind = ANY($${params.length + 1}::text[]) AND status <> 'superseded' AND ${where}`,
      [...params, decided],
    );
    let superseded = 0;
    // A report's stale alerts of one kind share one screening: read and screened once, not once per alert.
    const screenedNow = new Map<string, Promise<Set<string>>>();
    const idsOf = async (report: ScreenableReport | undefined, kind: AlertKind) =>
      new Set((report && !report.retracted ? await this.candidatesOf(report, kind) : []).map(alertIdOf));
    const idsNow = async (reportId: string, kind: AlertKind) => idsOf(await loadReport(this.pool, reportId), kind);
    // Read only for an alert found stale (rare), once per report.
    const reportsBefore = new Map<string, Promise<ScreenableReport | undefined>>();
    const screenedBefore = new Map<string, Promise<Set<string>>>();
    const idsBefore = async (reportId: string, kind: AlertKind, before: number) => {
      if (!reportsBefore.has(reportId)) reportsBefore.set(reportId, loadReportBefore(this.pool, reportId, before));
      return idsOf(await reportsBefore.get(reportId), kind);
    };
    for (const row of rows) {
      if (inForce.has(row.alert_id)) continue;
      const key = `${row.report_id}\u0000${row.kind}`;
      if (!screenedNow.has(key)) screenedNow.set(key, idsNow(row.report_id, row.kind));
      if ((await screenedNow.get(key)!).has(row.alert_id)) continue;
      let why: AlertSupersededReason;
      if (typeof reason === 'string') why = reason;
      else {
        if (!screenedBefore.has(key)) screenedBefore.set(key, idsBefore(row.report_id, row.kind, reason.before));
        why = (await screenedBefore.get(key)!).has(row.alert_id) ? 'report-amended' : 'entry-amended';
      }
      superseded += await this.alerts.supersede('alert_id = $1', [row.alert_id], why, cause, listVersion);
    }
    return superseded;
  }

  /** The report's candidates of one kind decided from the report (`REPORT_KINDS`), as screened now; none for others. */
  private async candidatesOf(report: ScreenableReport, kind: AlertKind): Promise<AlertCandidate[]> {
    const threshold = this.env.SCREENING_THRESHOLD;
    if (kind === 'name-match') return screenReportYielding(this.holder.index, report, { threshold, entryOf: this.holder.entryOf });
    if (kind === 'ownership') return this.holder.ownership.screen(report, threshold);
    if (kind === 'front-company')
      return this.holder.frontCompanies.screen(report, this.holder.index, { threshold, entryOf: this.holder.entryOf });
    return kind === 'misdeclared-goods' ? screenMisdeclaredGoods(report) : [];
  }

  /**
   * Acts on every match of the report (`AlertWriter.raise`): name matches (of `onlyEntries` when given; none when it is
   * empty), ownership, front companies and (not on a list update: no list bears on it) misdeclared goods; adds the
   * alert id of every match found to `inForce`. @returns the alerts raised and reopened.
   */
  private async raiseFor(
    report: ScreenableReport,
    trigger: AlertRaisedV1['trigger'],
    cause: EventMetadata,
    onlyEntries?: ReadonlySet<string>,
    inForce?: Set<string>,
  ): Promise<{ raised: number; reopened: number }> {
    const stopTimer = this.screeningTime?.startTimer({ trigger });
    const threshold = this.env.SCREENING_THRESHOLD;
    const on = (kind: AlertKind) => this.kinds.has(kind);
    // Front companies first: they ask the index about a company at a lower threshold, so the name match's same question
    // is answered from the index's recent answers (`SCREEN_NAME_CACHE_SIZE`), not screened twice.
    const fronts = on('front-company')
      ? this.holder.frontCompanies.screen(report, this.holder.index, { threshold, entryOf: this.holder.entryOf })
      : [];
    const named =
      onlyEntries?.size === 0 || !on('name-match')
        ? []
        : await screenReportYielding(this.holder.index, report, { threshold, entryOf: this.holder.entryOf, onlyEntries });
    const owned = on('ownership') ? this.holder.ownership.screen(report, threshold) : [];
    const misdeclared = trigger === 'list-updated' || !on('misdeclared-goods') ? [] : screenMisdeclaredGoods(report);
    stopTimer?.();
    const done = { raised: 0, reopened: 0 };
    for (const c of [...named, ...owned, ...fronts, ...misdeclared]) {
      const outcome = await this.alerts.raise(c, trigger, cause);
      if (outcome) done[outcome]++;
      inForce?.add(alertIdOf(c));
    }
    return done;
  }
}

/** What the alert events about an event's screening answer to (its correlation, caused by it). */
function causeOf(event: EventMessage): EventMetadata {
  return {
    correlationId: event.metadata.correlationId ?? event.eventId,
    causationId: event.eventId,
    ...(event.metadata.acceptedAt && { acceptedAt: event.metadata.acceptedAt }),
  };
}

/** The report id of a report event, or undefined when it has none (malformed). */
function reportIdOf(event: EventMessage): string | undefined {
  const reportId = (event.payload as { reportId?: unknown } | null)?.reportId;
  return typeof reportId === 'string' ? reportId : undefined;
}

/**
 * The alert kinds decided from one report's stored state, so superseded when a full screening of the report no longer
 * finds them (the diversion and surge services decide `possible-diversion` from many reports).
 */
const REPORT_KINDS: readonly AlertKind[] = ['name-match', 'ownership', 'front-company', 'misdeclared-goods'];

/** `SCREENING_ALERT_KINDS` as alert kinds. @throws Error naming a word that is no alert kind (`ALERT_KINDS`). */
export function alertKindsOf(words: readonly string[]): ReadonlySet<AlertKind> {
  for (const w of words)
    if (!(ALERT_KINDS as readonly string[]).includes(w))
      throw new Error(`SCREENING_ALERT_KINDS: "${w}" is no alert kind (one of ${ALERT_KINDS.join(', ')})`);
  return new Set(words as AlertKind[]);
}
