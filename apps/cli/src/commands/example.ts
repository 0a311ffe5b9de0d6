import { join } from 'node:path';
import type { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import { waitForProjection } from '../commands-api';
import type { CliIo } from '../io';
import { cliRepoRoot } from '../local-setup';
import { renderAlerts, type AlertView } from '../render/alerts';
import { renderLedger } from '../render/ledger';
import { renderTimeline } from '../render/timeline';
import { terminalJson } from '../render/visible';
import { describeOutcomes, postReportFiles, type PostOutcome } from './post';
import { fetchAlerts, fetchLedger, fetchTimeline } from './read-views';

/** The countries whose ledgers the article is about. */
export const EXAMPLE_COUNTRIES = ['CN', 'RU', 'IR', 'BY'] as const;
/** Every diplomatic event of the article involves China, so its timeline is the article's timeline. */
export const EXAMPLE_TIMELINE_COUNTRY = 'CN';

/** `examples/reports/` of the repository this CLI runs from. */
export function defaultExamplesDir(): string {
  const root = cliRepoRoot();
  if (!root) throw new CliError('cannot find the examples (not run from the repository); pass --dir');
  return join(root, 'examples', 'reports');
}

/** What the example printed and read, for the end-to-end test. */
export interface ExampleResult {
  outcomes: PostOutcome[];
  /** Alerts, or undefined when this API does not serve `/v1/alerts` yet. */
  alerts?: AlertView[];
}

/**
 * Whether an alert concerns one of `reportIds`: raised on one of them, or citing one of their claims (a possible
 * diversion's legs, a surge's claims), so a route from an example claim to another report's claim is shown too.
 */
export function concernsReports(alert: AlertView, reportIds: ReadonlySet<string>): boolean {
  const cited = [...(alert.basis?.diversion?.claims ?? []), ...(alert.basis?.surge?.claims ?? [])];
  return [alert.reportId, ...cited.map((c) => c.reportId)].some((id) => id !== undefined && reportIds.has(id));
}

/**
 * Alerts are raised asynchronously by the screening app after the reports are stored: waits until it has screened
 * each report as it now stands (`screening.version` of `GET /v1/reports/:id` reaches the view's `version`), then reads
 * the alerts of these reports ({@link concernsReports}; every page of `GET /v1/alerts`, which has no report filter),
 * not the others the system holds. Undefined when the API has no alerts endpoint (screening not deployed).
 * @throws CliError when a report is still unscreened after `timeoutMs` (the screening app is down or far behind).
 */
async function screenedAlerts(api: ApiClient, reportIds: string[], timeoutMs = 120_000): Promise<AlertView[] | undefined> {
  try {
    await fetchAlerts(api, {}, 1);
  } catch (error) {
    if (error instanceof CliError && /not available/.test(error.message)) return undefined;
    throw error;
  }
  const deadline = Date.now() + timeoutMs;
  for (const reportId of reportIds) {
    for (;;) {
      const { body } = await api.get<{ version: number; screening: { version: number } | null }>(
        `v1/reports/${encodeURIComponent(reportId)}`,
      );
      if (body.screening && body.screening.version >= body.version) break;
      if (Date.now() > deadline)
        throw new CliError(
          `report ${reportId} not screened after ${Math.round(timeoutMs / 1000)} s — is the screening app running? (\`transfer-monitor health\`)`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const ids = new Set(reportIds);
  return (await fetchAlerts(api, {}, Infinity)).filter((alert) => concernsReports(alert, ids));
}

/**
 * The article walk-through: posts `examples/reports/*.json` (reports from the China Digital Times article of
 * 2023-03-03, with Bingo's denial as evidence), waits until the read models have them, then prints the ledgers of
 * China, Russia, Iran and Belarus, China's diplomatic timeline and the alerts of these reports. Safe to run again: the reports carry
 * content-derived Idempotency-Keys, so a second run stores nothing new.
 */
export async function exampleCommand(api: ApiClient, io: CliIo, json: boolean, dir = defaultExamplesDir()): Promise<ExampleResult> {
  if (!json) io.out(`Posting the article's reports from ${dir} …`);
  const outcomes = await postReportFiles(api, io, [dir]);
  if (!json) io.out(describeOutcomes(outcomes).join('\n'));
  const rejected = outcomes.filter((o) => o.status !== 'succeeded');
  if (rejected.length > 0)
    throw new CliError(`${rejected.length} example report(s) rejected: ${rejected.map((o) => `${o.file} (${o.reason})`).join('; ')}`);
  for (const outcome of outcomes) if (outcome.lastPosition) await waitForProjection(api, outcome.lastPosition);

  const ledgers = [];
  for (const country of EXAMPLE_COUNTRIES) ledgers.push(await fetchLedger(api, country));
  const timeline = await fetchTimeline(api, EXAMPLE_TIMELINE_COUNTRY);
  const alerts = await screenedAlerts(
    api,
    outcomes.flatMap((o) => (o.reportId ? [o.reportId] : [])),
  );
  if (json) {
    io.out(terminalJson({ outcomes, ledgers, timeline, alerts: alerts ?? null }));
    return { outcomes, alerts };
  }
  for (const ledger of ledgers) io.out(`\n${renderLedger(ledger)}`);
  io.out(`\n${renderTimeline(timeline, `Diplomatic timeline (every event involves ${EXAMPLE_TIMELINE_COUNTRY})`)}`);
  io.out(
    alerts === undefined
      ? '\nAlerts: this API does not serve /v1/alerts yet (screening not deployed), so none are shown.'
      : `\n${renderAlerts(alerts)}`,
  );
  return { outcomes, alerts };
}
