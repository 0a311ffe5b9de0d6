import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import type { AlertRaisedV1, SanctionsEntryDelistedV1, SanctionsListVersionImportedV1 } from '@tm/domain';
import type { EventMetadata } from '@tm/event-store';
import { PermanentMessageError, readEventMessage, type ConsumedMessage, type EventMessage, type MessageHandler } from '@tm/messaging';
import { ENVIRONMENT, Metrics, withCorrelation, type Environment, type Histogram } from '@tm/platform';
import { AlertWriter } from './alert-writer.service';
import { IndexHolder } from './index-holder.service';
import { entryKey, screenReport, type ScreenableReport } from '@tm/screening';
import { forEachStoredReport, loadReport } from './stored-reports';

const REPORT_TRIGGERS: Record<string, AlertRaisedV1['trigger']> = {
  ReportSubmitted: 'report-submitted',
  ClaimAmended: 'claim-amended',
  EvidenceAdded: 'evidence-added',
};

/**
 * Handles the events topic (consumer group `<prefix>screening`, see `ScreeningModule`) and raises alerts:
 * - `ReportSubmitted` / `ClaimAmended` / `EvidenceAdded`: the report as stored now is screened (parties by name,
 *   texts by multi-pattern scan); each match ≥ `SCREENING_THRESHOLD` raises `AlertRaised` (idempotent ids);
 * - `ReportRetracted`: the report's alerts are superseded;
 * - `SanctionsEntryDelisted`: the entry's alerts are superseded;
 * - `SanctionsListVersionImported` (last event of a version): the index is rebuilt, then every stored report is
 *   screened again, keeping only matches of the entries that version designated or amended (trigger `list-updated`):
 *   a match raises its alert, or reopens the one a delisting superseded (a re-designation), never a second one.
 * Handlers are idempotent, so a redelivery after a crash raises nothing twice.
 */
@Injectable()
export class ScreeningHandler implements MessageHandler {
  private readonly logger = new Logger(ScreeningHandler.name);
  private readonly screeningTime?: Histogram<'trigger'>;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly holder: IndexHolder,
    private readonly alerts: AlertWriter,
    @Optional() metrics?: Metrics,
  ) {
    this.screeningTime = metrics?.histogram({
      name: 'tm_screening_seconds',
      help: "Time to screen one report's parties and text against the sanctions lists (matching only), by trigger",
      labelNames: ['trigger'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    });
  }

  async handle({ message }: ConsumedMessage): Promise<void> {
    const event = readEventMessage(message);
    const cause: EventMetadata = {
      correlationId: event.metadata.correlationId ?? event.eventId,
      causationId: event.eventId,
      ...(event.metadata.acceptedAt && { acceptedAt: event.metadata.acceptedAt }),
    };
    await withCorrelation(cause.correlationId!, () => this.dispatch(event, cause));
  }

  private async dispatch(event: EventMessage, cause: EventMetadata): Promise<void> {
    const trigger = REPORT_TRIGGERS[event.type];
    if (trigger) {
      const reportId = (event.payload as { reportId?: unknown }).reportId;
      if (typeof reportId !== 'string') throw new PermanentMessageError(`${event.type} without a reportId`, 'malformed');
      const report = await loadReport(this.pool, reportId);
      if (report && !report.retracted) await this.raiseFor(report, trigger, cause);
      return;
    }
    switch (event.type) {
      case 'ReportRetracted': {
        const reportId = (event.payload as { reportId: string }).reportId;
        await this.alerts.supersede('report_id = $1', [reportId], 'report-retracted', cause);
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
      case 'SanctionsListVersionImported':
        return this.onListVersion(event.payload as SanctionsListVersionImportedV1, cause);
    }
  }

  private async onListVersion(v: SanctionsListVersionImportedV1, cause: EventMetadata): Promise<void> {
    await this.holder.reload();
    if (v.counts.designated + v.counts.amended === 0) return;
    const t0 = performance.now();
    const { rows } = await this.pool.query<{ entry_id: string }>(
      'SELECT entry_id FROM sanctions_entries WHERE list_id = $1 AND changed_in = $2',
      [v.listId, v.version],
    );
    const onlyEntries = new Set(rows.map((r) => entryKey(v.listId, r.entry_id)));
    if (onlyEntries.size === 0) return; // a later version replaced these entries; its own event screens for them
    const totals = { reports: 0, raised: 0, reopened: 0 };
    await forEachStoredReport(this.pool, async (report) => {
      totals.reports++;
      const done = await this.raiseFor(report, 'list-updated', cause, onlyEntries);
      totals.raised += done.raised;
      totals.reopened += done.reopened;
    });
    this.logger.log(
      { listId: v.listId, version: v.version, entries: onlyEntries.size, ...totals, ms: Math.round(performance.now() - t0) },
      'stored reports screened against a new list version',
    );
  }

  /** Acts on every match of the report (`AlertWriter.raise`); @returns the alerts raised and reopened. */
  private async raiseFor(
    report: ScreenableReport,
    trigger: AlertRaisedV1['trigger'],
    cause: EventMetadata,
    onlyEntries?: ReadonlySet<string>,
  ): Promise<{ raised: number; reopened: number }> {
    const stopTimer = this.screeningTime?.startTimer({ trigger });
    const candidates = screenReport(this.holder.index, report, {
      threshold: this.env.SCREENING_THRESHOLD,
      entryOf: this.holder.entryOf,
      onlyEntries,
    });
    stopTimer?.();
    const done = { raised: 0, reopened: 0 };
    for (const c of candidates) {
      const outcome = await this.alerts.raise(c, trigger, cause);
      if (outcome) done[outcome]++;
    }
    return done;
  }
}
